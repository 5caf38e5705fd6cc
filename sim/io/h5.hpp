// Thin RAII over the HDF5 C API: handles that close themselves, errors that throw.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ecosim::h5 {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Call first in main: keeps HDF5 from printing its error stack (check() reports the reason) and
// from closing files again at exit, which crashes after a close that failed (a full disk);
// every file is closed by its Handle.
void init_library();

// Throws Error naming `what` when an HDF5 call failed (negative id or status).
hid_t check(hid_t id, const std::string& what);

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  void reset();

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

Handle open_group(hid_t parent, const std::string& name);
Handle create_group(hid_t parent, const std::string& name);

void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, double value);
double read_double_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);

// A fixed 1-D dataset of strings (variable-length UTF-8) or numbers.
Handle write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
// Fixed-length UTF-8 strings (as long as the longest): one contiguous write, fast for long
// columns of short category names; h5py returns bytes (use .asstr()).
Handle write_fixed_strings(hid_t parent, const std::string& name,
                           const std::vector<std::string_view>& values);
Handle write_doubles(hid_t parent, const std::string& name, const std::vector<double>& values);
// Integers stored as `file_type` (a narrower type keeps long tables small; values must fit).
Handle write_ints(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values,
                  hid_t file_type = H5T_STD_I64LE);

// Marks a 1-D dataset as the dimension scale `name`.
void make_scale(hid_t dataset, const std::string& name);

// A scale (made by make_scale) that labels axis `axis` of a variable.
struct ScaleAttachment {
  hid_t variable;
  hid_t scale;
  unsigned axis;
};
// Attaches each scale to its variable's axis, in the order given, leaving the attributes
// H5DSattach_scale leaves (DIMENSION_LIST on each variable, REFERENCE_LIST on each scale, as
// the HDF5 dimension scale specification defines them) but writing each attribute once.
// H5DSattach_scale checks both objects and rewrites both attributes at every call: two thirds
// of making a run file's datasets, paid by every run of a sweep (bench/RESULTS.md). The
// variables must have no scale yet and the scales no variable: these are new datasets.
void attach_scales(const std::vector<ScaleAttachment>& attachments);

// As a memory type: the native type that matches the file type (doubles for floats, int64 for
// integers), not a type of its own.
inline constexpr hid_t kMemoryTypeOfFileType = H5I_INVALID_HID;

// A dataset growing along its first axis: (unlimited, fixed...) with chunking, shuffle and
// deflate; append() writes a block of whole rows at once.
class Extendible {
 public:
  // `type` in the file; rows given to append() are doubles for a floating-point type and
  // int64 otherwise, unless `memory_type` says what they are.
  Extendible(hid_t parent, const std::string& name, hid_t type, std::vector<hsize_t> row_shape,
             hsize_t chunk_rows, hid_t memory_type = kMemoryTypeOfFileType, int deflate = 4);
  // Opens an existing one (a run being resumed) and cuts it back to its first `rows` rows.
  Extendible(hid_t parent, const std::string& name, hid_t memory_type, hsize_t rows);
  void append(const void* rows, hsize_t count);
  hid_t get() const { return dataset_.get(); }
  hsize_t rows() const { return rows_; }

 private:
  Handle dataset_;
  hid_t memory_type_;
  std::vector<hsize_t> row_shape_;
  hsize_t rows_ = 0;
};

// The HDF5 types (file, memory) of a C++ number type.
template <class T>
struct TypeOf;
template <>
struct TypeOf<std::int8_t> {
  static hid_t file() { return H5T_STD_I8LE; }
  static hid_t memory() { return H5T_NATIVE_INT8; }
};
template <>
struct TypeOf<std::uint8_t> {
  static hid_t file() { return H5T_STD_U8LE; }
  static hid_t memory() { return H5T_NATIVE_UINT8; }
};
template <>
struct TypeOf<std::uint16_t> {
  static hid_t file() { return H5T_STD_U16LE; }
  static hid_t memory() { return H5T_NATIVE_UINT16; }
};
template <>
struct TypeOf<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct TypeOf<std::uint32_t> {
  static hid_t file() { return H5T_STD_U32LE; }
  static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct TypeOf<float> {
  static hid_t file() { return H5T_IEEE_F32LE; }
  static hid_t memory() { return H5T_NATIVE_FLOAT; }
};
template <>
struct TypeOf<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

// `n` values of `memory_type` stored as `file_type`, in a fixed 1-D dataset.
Handle write_array(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
                   hsize_t n, const void* values);
// Numbers stored as the type they have in memory: no conversion.
template <class T>
Handle write_numbers(hid_t parent, const std::string& name, const std::vector<T>& values) {
  return write_array(parent, name, TypeOf<T>::file(), TypeOf<T>::memory(), values.size(),
                     values.data());
}

// Reads a whole numeric dataset as doubles, with its shape.
std::vector<double> read_doubles(hid_t parent, const std::string& name,
                                 std::vector<hsize_t>* shape);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);

}  // namespace ecosim::h5
