using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Web.Pictures;

/// <summary>
/// Pictures in rows and columns, as near a square as their count allows, for the thumbnail of an explore grid or a
/// network view: the result lays its sketches out in one row, which a square thumbnail could only crop to a blur.
/// </summary>
public static class PictureGrid
{
    /// <summary>Columns of ceil(sqrt(count)), each cell as large as the largest picture, pictures centred, white between.</summary>
    public static RgbImage Square(IReadOnlyList<RgbImage> pictures, int gap = 8)
    {
        if (pictures.Count == 0)
        {
            throw new ArgumentException("A grid needs at least one picture.", nameof(pictures));
        }

        var columns = (int)Math.Ceiling(Math.Sqrt(pictures.Count));
        var rows = (pictures.Count + columns - 1) / columns;
        var (cellWidth, cellHeight) = (pictures.Max(p => p.Width), pictures.Max(p => p.Height));
        var (width, height) = ((columns * cellWidth) + ((columns - 1) * gap), (rows * cellHeight) + ((rows - 1) * gap));
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        for (var i = 0; i < pictures.Count; i++)
        {
            var picture = pictures[i];
            var left = ((i % columns) * (cellWidth + gap)) + ((cellWidth - picture.Width) / 2);
            var top = ((i / columns) * (cellHeight + gap)) + ((cellHeight - picture.Height) / 2);
            for (var y = 0; y < picture.Height; y++)
            {
                Array.Copy(picture.Pixels, y * picture.Width * 3, pixels, (((top + y) * width) + left) * 3, picture.Width * 3);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
