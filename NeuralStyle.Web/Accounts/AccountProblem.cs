namespace NeuralStyle.Web.Accounts;

/// <summary>Why a sign-in or registration did not happen; pages carry the code in their address, never the text.</summary>
public enum AccountProblem
{
    WrongPassword,
    NameMissing,
    NameInvalid,
    NameTaken,
    NameReserved,
    PasswordTooShort,
    PasswordsDiffer,
    RegistrationClosed,
    AccountsOff,
}

public static class AccountMessages
{
    public const int MinPasswordLength = 8;
    public const int MaxNameLength = 32;

    public static string Of(AccountProblem problem) => problem switch
    {
        AccountProblem.WrongPassword => "That name and password do not match an account here. Check the spelling; passwords are case-sensitive.",
        AccountProblem.NameMissing => "Please type a name.",
        AccountProblem.NameInvalid => $"A name may have up to {MaxNameLength} letters, digits, dots, dashes and underscores, and no spaces.",
        AccountProblem.NameTaken => "Someone already uses that name here; please choose another.",
        AccountProblem.NameReserved => "That name belongs to this server's administrator; it can only be registered on the server itself.",
        AccountProblem.PasswordTooShort => $"Please choose a password of at least {MinPasswordLength} characters.",
        AccountProblem.PasswordsDiffer => "The two passwords are not the same; please type them again.",
        AccountProblem.RegistrationClosed => "New accounts are made by this server's administrators; please ask one of them.",
        AccountProblem.AccountsOff => "This server does not use accounts: everyone can paint without signing in.",
        _ => "Something went wrong; please try again.",
    };
}
