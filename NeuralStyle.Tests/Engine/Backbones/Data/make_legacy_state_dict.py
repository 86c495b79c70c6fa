# Writes legacy-state-dict.pth the way torch.save did before PyTorch 1.6 (torch/serialization.py, _legacy_save):
# pickled magic number, protocol version and sys info, then the state dict pickled with storages as persistent ids,
# then the sorted storage keys, then each storage as an int64 element count and its raw little-endian bytes.
# Needs only CPython: torch's classes are stood in for by look-alikes with the same module and names.
import collections
import pickle
import struct
import sys
import types

torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
torch._utils = torch_utils
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


class Storage:
    def __init__(self, key, fmt, values):
        self.key, self.fmt, self.values = key, fmt, values


def storage_class(name):
    cls = type(name, (), {})
    cls.__module__ = "torch"
    setattr(torch, name, cls)
    return cls


FloatStorage = storage_class("FloatStorage")
DoubleStorage = storage_class("DoubleStorage")


def rebuild(name):
    def f(*args):
        raise NotImplementedError

    f.__module__, f.__name__, f.__qualname__ = "torch._utils", name, name
    setattr(torch_utils, name, f)
    return f


rebuild_tensor = rebuild("_rebuild_tensor")
rebuild_tensor_v2 = rebuild("_rebuild_tensor_v2")


class Tensor:
    def __init__(self, storage, offset, size, stride, v1=False):
        self.args = (storage, offset, size, stride)
        self.v1 = v1

    def __reduce_ex__(self, protocol):
        if self.v1:
            return rebuild_tensor, self.args
        return rebuild_tensor_v2, self.args + (False, collections.OrderedDict())


class LegacyPickler(pickle.Pickler):
    def __init__(self, f):
        super().__init__(f, protocol=2)
        self.storages = {}

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            self.storages[obj.key] = obj
            cls = FloatStorage if obj.fmt == "f" else DoubleStorage
            return ("storage", cls, obj.key, "cpu", len(obj.values), None)
        return None


weight = Storage("140001", "f", [i * 0.25 - 3 for i in range(54)])
bias = Storage("140002", "d", [1.5, -2.5])
shared = Storage("140003", "f", [0, 1, 2, 3, 4, 5])
state = collections.OrderedDict()
state["conv.weight"] = Tensor(weight, 0, (2, 3, 3, 3), (27, 9, 3, 1))
state["conv.bias"] = Tensor(bias, 0, (2,), (1,))
state["view.of.shared"] = Tensor(shared, 1, (2, 2), (1, 2))
state["rebuilt.by.v1"] = Tensor(shared, 3, (3,), (1,), v1=True)
state._metadata = collections.OrderedDict([("conv", {"version": 1})])

with open(sys.argv[1] if len(sys.argv) > 1 else "legacy-state-dict.pth", "wb") as f:
    pickle.dump(0x1950A86A20F9469CFC6C, f, protocol=2)
    pickle.dump(1001, f, protocol=2)
    pickle.dump({"protocol_version": 1001, "little_endian": True,
                 "type_sizes": {"short": 2, "int": 4, "long": 4}}, f, protocol=2)
    pickler = LegacyPickler(f)
    pickler.dump(state)
    keys = sorted(pickler.storages)
    pickle.dump(keys, f, protocol=2)
    for key in keys:
        s = pickler.storages[key]
        f.write(struct.pack("<q", len(s.values)))
        f.write(struct.pack("<%d%s" % (len(s.values), s.fmt), *s.values))
