namespace NeuralStyle.Tests.Engine.Imaging;

/// <summary>
/// Writes a tiny baseline CMYK JPEG by hand, because ImageSharp 2.1's encoder cannot write CMYK: 16 x 8 pixels,
/// a left and a right 8 x 8 block, each one flat colour, so only DC coefficients are needed (ITU T.81, annex F).
/// An Adobe APP14 marker with transform 0 says the four channels are CMYK stored inverted, as Photoshop writes them.
/// </summary>
internal static class CmykJpeg
{
    private const int Quantiser = 16;

    /// <param name="left">Stored channel values of the left block, each 0 or 255.</param>
    /// <param name="right">Stored channel values of the right block, each 0 or 255.</param>
    public static byte[] TwoBlocks(byte[] left, byte[] right)
    {
        var output = new List<byte> { 0xFF, 0xD8 };
        Segment(output, 0xEE, [.. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);
        Segment(output, 0xDB, [0x00, .. Enumerable.Repeat((byte)Quantiser, 64)]);
        Segment(output, 0xC0, [8, 0, 8, 0, 16, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);

        // DC table 0: the twelve size categories 0..11, each with a 4-bit code equal to its number.
        byte[] dcCounts = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        // AC table 0: only end-of-block (symbol 0x00), code "0".
        byte[] acCounts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Segment(output, 0xC4, [0x00, .. dcCounts, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x10, .. acCounts, 0x00]);
        Segment(output, 0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);

        var bits = new BitWriter();
        var previous = new int[4];
        foreach (var block in new[] { left, right })
        {
            for (var component = 0; component < 4; component++)
            {
                var dc = QuantisedDc(block[component]);
                bits.WriteCoefficient(dc - previous[component]);
                previous[component] = dc;
                bits.Write(0, 1); // end of block: every AC coefficient is zero
            }
        }

        output.AddRange(bits.Finish());
        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }

    // A flat block's DC coefficient is 8 * (value - 128); quantised by 16 that is +-64 for 255 and 0 (255 rounds to 256 and is clamped).
    private static int QuantisedDc(byte value) => value switch
    {
        255 => 64,
        0 => -64,
        _ => throw new ArgumentOutOfRangeException(nameof(value), "Only 0 and 255 are exact with this quantiser."),
    };

    private static void Segment(List<byte> output, byte marker, byte[] payload)
    {
        output.AddRange([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        output.AddRange(payload);
    }

    private sealed class BitWriter
    {
        private readonly List<byte> bytes = [];
        private int current;
        private int count;

        public void WriteCoefficient(int value)
        {
            var category = value == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(value));
            Write(category, 4);
            // Negative values are sent as value - 1 in `category` bits (ones' complement), F.1.2.1.1.
            Write(value >= 0 ? value : value + (1 << category) - 1, category);
        }

        public void Write(int value, int length)
        {
            for (var bit = length - 1; bit >= 0; bit--)
            {
                current = (current << 1) | ((value >> bit) & 1);
                if (++count == 8)
                {
                    Flush();
                }
            }
        }

        public List<byte> Finish()
        {
            while (count != 0)
            {
                current = (current << 1) | 1;
                if (++count == 8)
                {
                    Flush();
                }
            }

            return bytes;
        }

        private void Flush()
        {
            bytes.Add((byte)current);
            if (current == 0xFF)
            {
                bytes.Add(0x00); // byte stuffing, so the data cannot be read as a marker
            }

            current = 0;
            count = 0;
        }
    }
}
