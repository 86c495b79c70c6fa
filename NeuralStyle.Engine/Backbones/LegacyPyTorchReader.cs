// Reads state dicts that torch.save wrote before PyTorch 1.6 (torch/serialization.py, _legacy_save and _legacy_load).
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// The <c>torch.save</c> format of PyTorch 0.1.10 to 1.5, which PyBridge does not read and in which the published 2017
/// VGG19 files were most likely written: four pickles (magic number, protocol version, system info, the state dict with storages as persistent ids),
/// then the sorted storage keys, then each storage as an int64 element count and its raw little-endian bytes.
/// Only what a state dict of tensors needs is understood; anything else is refused by name.
/// </summary>
internal static class LegacyPyTorchReader
{
    private static readonly BigInteger MagicNumber = BigInteger.Parse("119547037146038801333356");

    /// <summary>Reads the state dict; the caller owns the returned tensors.</summary>
    /// <exception cref="InvalidDataException">The stream is not a legacy state dict of tensors.</exception>
    public static Dictionary<string, Tensor> ReadStateDict(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (new PickleMachine(reader, []).Load() is not BigInteger magic || magic != MagicNumber)
        {
            throw new InvalidDataException("it does not start with PyTorch's magic number");
        }

        if (new PickleMachine(reader, []).Load() is not 1001L)
        {
            throw new InvalidDataException("its serialisation protocol is not 1001");
        }

        new PickleMachine(reader, []).Load();
        var storages = new Dictionary<string, StorageRef>();
        if (new PickleMachine(reader, storages).Load() is not Dictionary<object, object?> stateDict)
        {
            throw new InvalidDataException("it does not hold a state dict");
        }

        if (new PickleMachine(reader, []).Load() is not List<object?> keys)
        {
            throw new InvalidDataException("its storage list is missing");
        }

        foreach (var key in keys.Cast<string>())
        {
            var storage = storages[key];
            var count = reader.ReadInt64();
            if (count != storage.Count)
            {
                throw new InvalidDataException($"storage {key} holds {count} elements, its tensors expect {storage.Count}");
            }

            storage.Bytes = reader.ReadBytes(checked((int)(count * storage.ElementSize)));
            if (storage.Bytes.Length != count * storage.ElementSize)
            {
                throw new InvalidDataException($"it ends inside storage {key}");
            }
        }

        return stateDict.ToDictionary(kv => (string)kv.Key, kv => kv.Value is TensorRef t
            ? t.Build()
            : throw new InvalidDataException($"'{kv.Key}' is not a tensor"));
    }

    private sealed record Global(string Module, string Name);

    private sealed class StorageRef(ScalarType dtype, int elementSize, long count)
    {
        public ScalarType DType { get; } = dtype;

        public int ElementSize { get; } = elementSize;

        public long Count { get; } = count;

        public byte[]? Bytes { get; set; }
    }

    private sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride)
    {
        public Tensor Build()
        {
            using var scope = NewDisposeScope();
            var flat = empty(Storage.Count, Storage.DType);
            flat.bytes = Storage.Bytes ?? throw new InvalidDataException("a tensor's storage is missing from the file");
            // Each tensor gets its own copy of the storage, so a contiguous view of it needs no further copy.
            return flat.as_strided(Size, Stride, Offset).contiguous().MoveToOuterDisposeScope();
        }
    }

    /// <summary>The part of Python's unpickler (protocol 2) that torch.save's legacy state dicts use.</summary>
    private sealed class PickleMachine(BinaryReader input, Dictionary<string, StorageRef> storages)
    {
        private static readonly object Mark = new();
        private readonly List<object?> stack = [];
        private readonly Dictionary<long, object?> memo = [];

        public object? Load()
        {
            while (true)
            {
                var opcode = input.ReadByte();
                switch (opcode)
                {
                    // Opcodes as pickletools names them: PROTO, STOP, MARK, EMPTY_TUPLE, TUPLE, TUPLE1..3, EMPTY_DICT,
                    // EMPTY_LIST, APPEND(S), SETITEM(S), NONE, NEWTRUE/FALSE, BININT(1,2), LONG1, BINFLOAT, BINUNICODE,
                    // BINSTRING, SHORT_BINSTRING (Python 2), GLOBAL, (LONG_)BINPUT/GET, REDUCE, NEWOBJ, BUILD, BINPERSID.
                    case 0x80: input.ReadByte(); break;
                    case (byte)'.': return Pop();
                    case (byte)'(': stack.Add(Mark); break;
                    case (byte)')': stack.Add(Array.Empty<object?>()); break;
                    case (byte)'t': stack.Add(PopToMark().ToArray()); break;
                    case 0x85: stack.Add(new[] { Pop() }); break;
                    case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new[] { a, b }); break; }
                    case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new[] { a, b, c }); break; }
                    case (byte)'}': stack.Add(new Dictionary<object, object?>()); break;
                    case (byte)']': stack.Add(new List<object?>()); break;
                    case (byte)'a': { var item = Pop(); ((List<object?>)Peek()!).Add(item); break; }
                    case (byte)'e': { var items = PopToMark(); ((List<object?>)Peek()!).AddRange(items); break; }
                    case (byte)'s': { var value = Pop(); var key = Pop()!; ((Dictionary<object, object?>)Peek()!)[key] = value; break; }
                    case (byte)'u': SetItems(); break;
                    case (byte)'N': stack.Add(null); break;
                    case 0x88: stack.Add(true); break;
                    case 0x89: stack.Add(false); break;
                    case (byte)'J': stack.Add((long)input.ReadInt32()); break;
                    case (byte)'K': stack.Add((long)input.ReadByte()); break;
                    case (byte)'M': stack.Add((long)input.ReadUInt16()); break;
                    case 0x8a: stack.Add(Long(input.ReadBytes(input.ReadByte()))); break;
                    case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(input.ReadBytes(8))); break;
                    case (byte)'X': stack.Add(Encoding.UTF8.GetString(input.ReadBytes(input.ReadInt32()))); break;
                    case (byte)'T': stack.Add(Encoding.Latin1.GetString(input.ReadBytes(input.ReadInt32()))); break;
                    case (byte)'U': stack.Add(Encoding.Latin1.GetString(input.ReadBytes(input.ReadByte()))); break;
                    case (byte)'c': stack.Add(new Global(ReadLine(), ReadLine())); break;
                    case (byte)'q': memo[input.ReadByte()] = Peek(); break;
                    case (byte)'r': memo[input.ReadUInt32()] = Peek(); break;
                    case (byte)'h': stack.Add(memo[input.ReadByte()]); break;
                    case (byte)'j': stack.Add(memo[input.ReadUInt32()]); break;
                    case (byte)'R' or 0x81: { var args = (object?[])Pop()!; stack.Add(Reduce((Global)Pop()!, args)); break; }
                    case (byte)'b': Pop(); break; // BUILD: the only state here is the state dict's _metadata.
                    case (byte)'Q': stack.Add(Storage((object?[])Pop()!)); break;
                    default: throw new InvalidDataException($"it uses pickle opcode 0x{opcode:x2}, which a state dict does not need");
                }
            }
        }

        private object? Pop()
        {
            var top = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            return top;
        }

        private object? Peek() => stack[^1];

        private List<object?> PopToMark()
        {
            var mark = stack.LastIndexOf(Mark);
            var items = stack.GetRange(mark + 1, stack.Count - mark - 1);
            stack.RemoveRange(mark, stack.Count - mark);
            return items;
        }

        private void SetItems()
        {
            var items = PopToMark();
            var dict = (Dictionary<object, object?>)Peek()!;
            for (var i = 0; i < items.Count; i += 2)
            {
                dict[items[i]!] = items[i + 1];
            }
        }

        private string ReadLine()
        {
            var bytes = new List<byte>();
            for (var b = input.ReadByte(); b != (byte)'\n'; b = input.ReadByte())
            {
                bytes.Add(b);
            }

            return Encoding.ASCII.GetString([.. bytes]);
        }

        private static object Long(byte[] littleEndian)
        {
            var value = new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false);
            return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
        }

        private static object Reduce(Global callable, object?[] args) => callable switch
        {
            ("collections", "OrderedDict") => new Dictionary<object, object?>(),
            ("torch._utils", "_rebuild_tensor" or "_rebuild_tensor_v2") => new TensorRef(
                (StorageRef)args[0]!,
                (long)args[1]!,
                ((object?[])args[2]!).Select(d => (long)d!).ToArray(),
                ((object?[])args[3]!).Select(d => (long)d!).ToArray()),
            ("torch._utils", "_rebuild_parameter") => args[0]!,
            _ => throw new InvalidDataException(
                $"it holds a {callable.Module}.{callable.Name}, not only tensors (was the whole model saved instead of its state_dict?)"),
        };

        // ('storage', storage_type, key, location, element count, view metadata) as _legacy_save's persistent_id writes it.
        private object Storage(object?[] id)
        {
            if (id is not ["storage", Global type, string key, _, long count, null])
            {
                throw new InvalidDataException("it refers to data other than whole tensor storages");
            }

            if (!storages.TryGetValue(key, out var storage))
            {
                var (dtype, size) = type.Name switch
                {
                    "FloatStorage" => (ScalarType.Float32, 4),
                    "DoubleStorage" => (ScalarType.Float64, 8),
                    "HalfStorage" => (ScalarType.Float16, 2),
                    "BFloat16Storage" => (ScalarType.BFloat16, 2),
                    "LongStorage" => (ScalarType.Int64, 8),
                    "IntStorage" => (ScalarType.Int32, 4),
                    "ShortStorage" => (ScalarType.Int16, 2),
                    "CharStorage" => (ScalarType.Int8, 1),
                    "ByteStorage" => (ScalarType.Byte, 1),
                    "BoolStorage" => (ScalarType.Bool, 1),
                    _ => throw new InvalidDataException($"it holds a torch.{type.Name}, which is not a tensor storage"),
                };
                storage = new StorageRef(dtype, size, count);
                storages[key] = storage;
            }

            return storage;
        }
    }
}
