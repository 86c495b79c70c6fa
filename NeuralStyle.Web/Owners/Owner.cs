namespace NeuralStyle.Web.Owners;

/// <summary>The browser using a page, cascaded to every component (circuits cannot read cookies later).</summary>
public sealed record Owner(string Id);
