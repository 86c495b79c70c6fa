using MudBlazor;

namespace NeuralStyle.Web.Components.Layout;

/// <summary>
/// MudBlazor's colours, darkened where white text sits on them (chips, filled buttons) or they colour text on white
/// (outlined buttons, alerts), so each reaches WCAG's 4.5:1: MudBlazor's own green gave the "Done" chip 2.23:1 and
/// its red 3.7:1.
/// </summary>
public static class SiteTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32", // 5.1:1 against white
            Error = "#c62828", // 5.6:1
            Info = "#1565c0", // 5.8:1
            Warning = "#b45309", // 5.0:1
        },
    };
}
