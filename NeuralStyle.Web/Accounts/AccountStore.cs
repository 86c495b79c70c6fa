using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Accounts;

/// <summary>The outcome of a sign-in or registration: the account, or why there is none.</summary>
public sealed record AccountResult(UserEntity? User, AccountProblem? Problem);

/// <summary>Accounts in the database, with passwords kept as ASP.NET Core Identity's salted PBKDF2 hashes.</summary>
public sealed class AccountStore(IDbContextFactory<StyleDbContext> contexts, TimeProvider clock)
{
    private readonly PasswordHasher<UserEntity> hasher = new();

    public async Task<AccountResult> RegisterAsync(string? name, string? password, string? confirmation, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (CheckName(name) is { } nameProblem)
        {
            return new AccountResult(null, nameProblem);
        }

        if ((password ?? "").Length < AccountMessages.MinPasswordLength)
        {
            return new AccountResult(null, AccountProblem.PasswordTooShort);
        }

        if (confirmation is not null && confirmation != password)
        {
            return new AccountResult(null, AccountProblem.PasswordsDiffer);
        }

        var user = new UserEntity { Id = Guid.NewGuid(), Name = name, NormalizedName = Normalize(name), PasswordHash = "", CreatedAt = clock.GetUtcNow() };
        user.PasswordHash = hasher.HashPassword(user, password!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.NormalizedName == user.NormalizedName, cancellationToken))
        {
            return new AccountResult(null, AccountProblem.NameTaken);
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of one name at the same moment: the unique index lets only the first in.
            return new AccountResult(null, AccountProblem.NameTaken);
        }

        return new AccountResult(user, null);
    }

    public async Task<AccountResult> SignInAsync(string? name, string? password, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(name?.Trim() ?? "");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        if (user is null || string.IsNullOrEmpty(password))
        {
            return new AccountResult(null, AccountProblem.WrongPassword);
        }

        switch (hasher.VerifyHashedPassword(user, user.PasswordHash, password))
        {
            case PasswordVerificationResult.Failed:
                return new AccountResult(null, AccountProblem.WrongPassword);
            case PasswordVerificationResult.SuccessRehashNeeded:
                user.PasswordHash = hasher.HashPassword(user, password);
                await db.SaveChangesAsync(cancellationToken);
                break;
        }

        return new AccountResult(user, null);
    }

    private static AccountProblem? CheckName(string name)
    {
        if (name.Length == 0)
        {
            return AccountProblem.NameMissing;
        }

        return name.Length > AccountMessages.MaxNameLength || !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_')
            ? AccountProblem.NameInvalid
            : null;
    }

    private static string Normalize(string name) => name.ToUpperInvariant();
}
