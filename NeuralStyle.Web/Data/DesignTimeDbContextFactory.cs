using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NeuralStyle.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web application.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StyleDbContext>
{
    public StyleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StyleDbContext>().UseSqlite("Data Source=design.db").Options);
}
