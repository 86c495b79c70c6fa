// Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/): just what ONNX files need.
using System.Buffers.Binary;
using System.Text;

namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>
/// Reads one protobuf message field by field from a slice of bytes. Malformed input (a length past the end,
/// an unknown wire type, an overlong varint) throws <see cref="InvalidDataException"/> with the byte offset.
/// </summary>
internal ref struct ProtoReader
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _origin;
    private int _position;

    /// <param name="data">The message's bytes.</param>
    /// <param name="origin">Where <paramref name="data"/> starts in the file, for error messages.</param>
    public ProtoReader(ReadOnlySpan<byte> data, int origin = 0)
    {
        _data = data;
        _origin = origin;
    }

    public int FieldNumber { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Advances to the next field's tag; false at the end of the message.</summary>
    public bool Next()
    {
        if (_position >= _data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        FieldNumber = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        if (FieldNumber == 0)
        {
            throw Damaged("a field numbered 0");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Damaged("a number cut off by the end of the data");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Damaged("a number longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a length-delimited field's payload; <paramref name="origin"/> is its offset in the file.</summary>
    public ReadOnlySpan<byte> ReadBytes(out int origin)
    {
        var length = ReadVarint();
        origin = _origin + _position;
        if (length > (ulong)(_data.Length - _position))
        {
            throw Damaged($"a field of {length} bytes where only {_data.Length - _position} remain (is the file truncated?)");
        }

        return Take((int)length);
    }

    public ReadOnlySpan<byte> ReadBytes() => ReadBytes(out _);

    public ProtoReader ReadMessage()
    {
        var bytes = ReadBytes(out var origin);
        return new ProtoReader(bytes, origin);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Reads a repeated int64 field's value(s), packed or not, into <paramref name="into"/>.</summary>
    public void ReadInt64s(List<long> into)
    {
        if (WireType != LengthDelimited)
        {
            ExpectWireType(Varint);
            into.Add(ReadInt64());
            return;
        }

        var packed = ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(packed.ReadInt64());
        }
    }

    /// <summary>Reads a repeated float field's value(s), packed or not, into <paramref name="into"/>.</summary>
    public void ReadFloats(List<float> into)
    {
        if (WireType != LengthDelimited)
        {
            ExpectWireType(Fixed32);
            into.Add(ReadFloat());
            return;
        }

        var bytes = ReadBytes();
        if (bytes.Length % 4 != 0)
        {
            throw Damaged($"packed floats of {bytes.Length} bytes, not a multiple of 4");
        }

        for (var i = 0; i < bytes.Length; i += 4)
        {
            into.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]));
        }
    }

    public readonly bool AtEnd => _position >= _data.Length;

    public readonly void ExpectWireType(int wireType)
    {
        if (WireType != wireType)
        {
            throw Damaged($"field {FieldNumber} with wire type {WireType} where {wireType} was expected");
        }
    }

    /// <summary>Skips the current field's value.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw Damaged($"unknown wire type {WireType} in field {FieldNumber}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Damaged("a value cut off by the end of the data");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly InvalidDataException Damaged(string what) =>
        new($"Damaged protobuf data: {what} at byte {_origin + _position}.");
}
