#include "io/h5.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstddef>

namespace ecosim::h5 {

namespace {

// The reason HDF5 recorded for the failure that just happened: the system's error message when
// a read or write failed ("No space left on device"), else the innermost description.
std::string failure_reason() {
  std::string reason;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
        auto& found = *static_cast<std::string*>(out);
        const std::string desc = e->desc ? e->desc : "";
        const std::string marker = "error message = '";
        if (const auto at = desc.find(marker); at != std::string::npos) {
          const auto begin = at + marker.size();
          found = desc.substr(begin, desc.find('\'', begin) - begin);
          return 1;  // the system's reason: stop here
        }
        if (!desc.empty()) found = desc;  // walking down: the last one is the innermost
        return 0;
      },
      &reason);
  H5Eclear2(H5E_DEFAULT);
  return reason;
}

}  // namespace

void init_library() {
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) {
    const std::string reason = failure_reason();
    throw Error("HDF5: " + what + " failed" + (reason.empty() ? "" : ": " + reason));
  }
  return id;
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_, close_ = o.close_;
    o.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = -1;
}

Handle open_group(hid_t parent, const std::string& name) {
  return {check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open group " + name), H5Gclose};
}

Handle create_group(hid_t parent, const std::string& name) {
  return {check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                "create group " + name),
          H5Gclose};
}

namespace {

Handle string_type() {
  Handle type(check(H5Tcopy(H5T_C_S1), "copy string type"), H5Tclose);
  check(H5Tset_size(type.get(), H5T_VARIABLE), "set string size");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set UTF-8");
  return type;
}

Handle simple_space(hsize_t n) {
  return {check(H5Screate_simple(1, &n, nullptr), "create dataspace"), H5Sclose};
}

// Transfer properties for writing `elements` of mem_type as file_type. HDF5 converts through a
// buffer of 1 MiB by default, allocated (and, for some conversions, zeroed) at every write that
// converts: writing the projects table at the end of a 10^4-firm run took 7.8-8.5 ms with it,
// 5.5-6.2 ms with a buffer that holds the whole write (1 MiB when larger).
Handle transfer_for(hsize_t elements, hid_t mem_type, hid_t file_type) {
  constexpr hsize_t kDefault = hsize_t{1} << 20;
  const hsize_t element = std::max(H5Tget_size(mem_type), H5Tget_size(file_type));
  const hsize_t bytes = std::clamp<hsize_t>(elements * element, element, kDefault);
  Handle transfer(check(H5Pcreate(H5P_DATASET_XFER), "transfer properties"), H5Pclose);
  check(H5Pset_buffer(transfer.get(), bytes, nullptr, nullptr), "set conversion buffer");
  return transfer;
}

}  // namespace

Handle write_array(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type,
                   hsize_t n, const void* data) {
  Handle space = simple_space(n);
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                             H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  if (n > 0)
    check(H5Dwrite(ds.get(), mem_type, H5S_ALL, H5S_ALL, transfer_for(n, mem_type, file_type).get(),
                   data),
          "write " + name);
  return ds;
}

namespace {

// A new scalar attribute of `type`, replacing one of that name (a resumed run rewrites some).
Handle scalar_attribute(hid_t object, const std::string& name, hid_t type) {
  if (check(H5Aexists(object, name.c_str()), "look for attribute " + name) > 0)
    check(H5Adelete(object, name.c_str()), "replace attribute " + name);
  Handle space(check(H5Screate(H5S_SCALAR), "scalar space"), H5Sclose);
  return {check(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                "create attribute " + name),
          H5Aclose};
}

}  // namespace

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = string_type();
  Handle attr = scalar_attribute(object, name, type.get());
  const char* text = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &text), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  Handle attr = scalar_attribute(object, name, H5T_STD_I64LE);
  check(H5Awrite(attr.get(), H5T_NATIVE_INT64, &value), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  Handle attr = scalar_attribute(object, name, H5T_IEEE_F64LE);
  check(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value), "write attribute " + name);
}

double read_double_attribute(hid_t object, const std::string& name) {
  Handle attr(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name),
              H5Aclose);
  double value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value), "read attribute " + name);
  return value;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  Handle attr(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name),
              H5Aclose);
  Handle type = string_type();
  char* text = nullptr;
  check(H5Aread(attr.get(), type.get(), &text), "read attribute " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

std::int64_t read_int_attribute(hid_t object, const std::string& name) {
  Handle attr(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name),
              H5Aclose);
  std::int64_t value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_INT64, &value), "read attribute " + name);
  return value;
}

Handle write_strings(hid_t parent, const std::string& name,
                     const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  Handle type = string_type();
  return write_array(parent, name, type.get(), type.get(), values.size(), pointers.data());
}

Handle write_fixed_strings(hid_t parent, const std::string& name,
                           const std::vector<std::string_view>& values) {
  std::size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::copy(values[i].begin(), values[i].end(), buffer.begin() + i * width);
  Handle type(check(H5Tcopy(H5T_C_S1), "copy string type"), H5Tclose);
  check(H5Tset_size(type.get(), width), "set string size");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "set string padding");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set UTF-8");
  return write_array(parent, name, type.get(), type.get(), values.size(), buffer.data());
}

Handle write_doubles(hid_t parent, const std::string& name, const std::vector<double>& values) {
  return write_array(parent, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.size(), values.data());
}

Handle write_ints(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values,
                  hid_t file_type) {
  return write_array(parent, name, file_type, H5T_NATIVE_INT64, values.size(), values.data());
}

void make_scale(hid_t dataset, const std::string& name) {
  check(H5DSset_scale(dataset, name.c_str()), "make dimension scale " + name);
}

namespace {

hobj_ref_t reference_to(hid_t object) {
  hobj_ref_t ref{};
  check(H5Rcreate(&ref, object, ".", H5R_OBJECT, -1), "make a reference to a dimension scale");
  return ref;
}

void refuse_existing(hid_t object, const char* attribute) {
  if (check(H5Aexists(object, attribute), std::string("look for ") + attribute) > 0)
    throw Error(std::string("HDF5: attach dimension scales: the dataset already has ") + attribute +
                " (allowed: datasets without scales)");
}

// Writes `values` of memory and file type `type` as the new attribute `name` of 1-D shape.
void write_list_attribute(hid_t object, const char* name, hid_t type, hsize_t n,
                          const void* values) {
  Handle space = simple_space(n);
  Handle attr(check(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    std::string("create attribute ") + name),
              H5Aclose);
  check(H5Awrite(attr.get(), type, values), std::string("write attribute ") + name);
}

}  // namespace

void attach_scales(const std::vector<ScaleAttachment>& attachments) {
  // Objects in order of first appearance, each with its list (a run file has a few dozen).
  const auto index_of = [](std::vector<hid_t>& seen, hid_t id) {
    const auto at = std::find(seen.begin(), seen.end(), id);
    if (at != seen.end()) return static_cast<std::size_t>(at - seen.begin());
    seen.push_back(id);
    return seen.size() - 1;
  };
  std::vector<hid_t> variables, scales;
  std::vector<std::vector<std::vector<hobj_ref_t>>> dimension_lists;  // variable, axis: scales
  struct ReferenceEntry {  // the layout H5DS gives REFERENCE_LIST's compound (16 bytes)
    hobj_ref_t dataset;
    int dimension;
  };
  std::vector<std::vector<ReferenceEntry>> reference_lists;  // scale: variables and axes
  for (const ScaleAttachment& a : attachments) {
    const std::size_t v = index_of(variables, a.variable);
    if (v == dimension_lists.size()) {
      Handle space(check(H5Dget_space(a.variable), "get dataspace of a variable"), H5Sclose);
      const int rank = check(H5Sget_simple_extent_ndims(space.get()), "get rank of a variable");
      dimension_lists.emplace_back(static_cast<std::size_t>(rank));
    }
    if (const std::size_t rank = dimension_lists[v].size(); a.axis >= rank)
      throw Error("HDF5: attach dimension scale: axis " + std::to_string(a.axis) + " (allowed: " +
                  (rank == 0 ? std::string("none, the variable is a scalar")
                             : "0.." + std::to_string(rank - 1)) +
                  ")");
    dimension_lists[v][a.axis].push_back(reference_to(a.scale));
    const std::size_t s = index_of(scales, a.scale);
    if (s == reference_lists.size()) reference_lists.emplace_back();
    reference_lists[s].push_back({reference_to(a.variable), static_cast<int>(a.axis)});
  }

  // Every object is checked before anything is written: a refused call leaves the file as it was.
  for (hid_t variable : variables) refuse_existing(variable, "DIMENSION_LIST");
  for (hid_t scale : scales) refuse_existing(scale, "REFERENCE_LIST");
  Handle list_type(check(H5Tvlen_create(H5T_STD_REF_OBJ), "make DIMENSION_LIST type"), H5Tclose);
  for (std::size_t v = 0; v < variables.size(); ++v) {
    std::vector<hvl_t> lists;
    for (auto& refs : dimension_lists[v])
      lists.push_back({refs.size(), refs.empty() ? nullptr : refs.data()});
    write_list_attribute(variables[v], "DIMENSION_LIST", list_type.get(), lists.size(),
                         lists.data());
  }
  Handle entry_type(
      check(H5Tcreate(H5T_COMPOUND, sizeof(ReferenceEntry)), "make REFERENCE_LIST type"), H5Tclose);
  check(H5Tinsert(entry_type.get(), "dataset", offsetof(ReferenceEntry, dataset), H5T_STD_REF_OBJ),
        "make REFERENCE_LIST type");
  check(
      H5Tinsert(entry_type.get(), "dimension", offsetof(ReferenceEntry, dimension), H5T_NATIVE_INT),
      "make REFERENCE_LIST type");
  for (std::size_t s = 0; s < scales.size(); ++s)
    write_list_attribute(scales[s], "REFERENCE_LIST", entry_type.get(), reference_lists[s].size(),
                         reference_lists[s].data());
}

namespace {

// Access properties that let a growing dataset's chunk cache hold two of its chunks (`chunk`
// in rows and row elements of `type`), the one being filled and the one before, instead of
// HDF5's 1 MiB per dataset: rows are only ever appended, so older chunks are not touched again,
// and a run file has a few hundred datasets (at 10^6 firms the default kept about 30 MiB of
// written snapshot chunks in memory).
Handle appending_access(const std::vector<hsize_t>& chunk, hid_t type, const std::string& name) {
  hsize_t bytes = H5Tget_size(type);
  for (hsize_t d : chunk) bytes *= d;
  Handle access(check(H5Pcreate(H5P_DATASET_ACCESS), "dataset access properties"), H5Pclose);
  check(H5Pset_chunk_cache(access.get(), 13, 2 * bytes, 1.0), "set chunk cache of " + name);
  return access;
}

// Opens an existing growing dataset with the access properties above.
Handle open_appending(hid_t parent, const std::string& name) {
  Handle dataset(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name),
                 H5Dclose);
  Handle create(check(H5Dget_create_plist(dataset.get()), "get properties of " + name), H5Pclose);
  std::vector<hsize_t> chunk(H5S_MAX_RANK);
  const int rank =
      check(H5Pget_chunk(create.get(), H5S_MAX_RANK, chunk.data()), "get chunk of " + name);
  chunk.resize(static_cast<std::size_t>(rank));
  Handle type(check(H5Dget_type(dataset.get()), "get type of " + name), H5Tclose);
  Handle access = appending_access(chunk, type.get(), name);
  dataset = Handle();
  return Handle(check(H5Dopen2(parent, name.c_str(), access.get()), "open dataset " + name),
                H5Dclose);
}

}  // namespace

Extendible::Extendible(hid_t parent, const std::string& name, hid_t type,
                       std::vector<hsize_t> row_shape, hsize_t chunk_rows, hid_t memory_type,
                       int deflate)
    : memory_type_(memory_type != kMemoryTypeOfFileType ? memory_type
                   : H5Tget_class(type) == H5T_FLOAT    ? H5T_NATIVE_DOUBLE
                                                        : H5T_NATIVE_INT64),
      row_shape_(std::move(row_shape)) {
  std::vector<hsize_t> dims{0}, max_dims{H5S_UNLIMITED}, chunk{chunk_rows};
  for (hsize_t d : row_shape_)
    dims.push_back(d), max_dims.push_back(d), chunk.push_back(std::max<hsize_t>(d, 1));
  Handle space(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()),
                     "create dataspace for " + name),
               H5Sclose);
  Handle props(check(H5Pcreate(H5P_DATASET_CREATE), "dataset properties"), H5Pclose);
  check(H5Pset_chunk(props.get(), static_cast<int>(chunk.size()), chunk.data()), "set chunk");
  if (deflate > 0) {  // shuffled bytes compress better; without compression it would be waste
    check(H5Pset_shuffle(props.get()), "set shuffle");
    check(H5Pset_deflate(props.get(), static_cast<unsigned>(deflate)), "set deflate");
  }
  Handle access = appending_access(chunk, type, name);
  dataset_ = Handle(check(H5Dcreate2(parent, name.c_str(), type, space.get(), H5P_DEFAULT,
                                     props.get(), access.get()),
                          "create dataset " + name),
                    H5Dclose);
}

Extendible::Extendible(hid_t parent, const std::string& name, hid_t memory_type, hsize_t rows)
    : dataset_(open_appending(parent, name)) {
  Handle type(check(H5Dget_type(dataset_.get()), "get type of " + name), H5Tclose);
  memory_type_ = memory_type != kMemoryTypeOfFileType    ? memory_type
                 : H5Tget_class(type.get()) == H5T_FLOAT ? H5T_NATIVE_DOUBLE
                                                         : H5T_NATIVE_INT64;
  Handle space(check(H5Dget_space(dataset_.get()), "get dataspace of " + name), H5Sclose);
  std::vector<hsize_t> dims(
      static_cast<std::size_t>(check(H5Sget_simple_extent_ndims(space.get()), "get rank")));
  check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "get shape of " + name);
  if (dims.empty() || dims[0] < rows)
    throw Error("HDF5: dataset " + name + " has " + std::to_string(dims.empty() ? 0 : dims[0]) +
                " rows, fewer than the " + std::to_string(rows) + " expected");
  row_shape_.assign(dims.begin() + 1, dims.end());
  dims[0] = rows_ = rows;
  check(H5Dset_extent(dataset_.get(), dims.data()), "cut back dataset " + name);
}

void Extendible::append(const void* data, hsize_t count) {
  if (count == 0) return;
  std::vector<hsize_t> new_dims{rows_ + count}, start{rows_}, block{count};
  for (hsize_t d : row_shape_) new_dims.push_back(d), start.push_back(0), block.push_back(d);
  check(H5Dset_extent(dataset_.get(), new_dims.data()), "extend dataset");
  Handle file_space(check(H5Dget_space(dataset_.get()), "get dataspace"), H5Sclose);
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, block.data(),
                            nullptr),
        "select rows");
  Handle mem_space(check(H5Screate_simple(static_cast<int>(block.size()), block.data(), nullptr),
                         "memory space"),
                   H5Sclose);
  check(
      H5Dwrite(dataset_.get(), memory_type_, mem_space.get(), file_space.get(), H5P_DEFAULT, data),
      "write rows");
  rows_ += count;
}

std::vector<double> read_doubles(hid_t parent, const std::string& name,
                                 std::vector<hsize_t>* shape) {
  Handle ds(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
  Handle space(check(H5Dget_space(ds.get()), "get dataspace"), H5Sclose);
  const int rank = check(H5Sget_simple_extent_ndims(space.get()), "get rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  hsize_t total = 1;
  for (hsize_t d : dims) total *= d;
  std::vector<double> values(total);
  if (total > 0)
    check(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "read " + name);
  if (shape) *shape = dims;
  return values;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle ds(check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open dataset " + name), H5Dclose);
  Handle space(check(H5Dget_space(ds.get()), "get dataspace"), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  Handle file_type(check(H5Dget_type(ds.get()), "get type of " + name), H5Tclose);
  if (H5Tis_variable_str(file_type.get()) <= 0) {  // fixed-length: one buffer, NUL-padded
    const std::size_t width = H5Tget_size(file_type.get());
    std::vector<char> buffer(static_cast<std::size_t>(n) * width);
    Handle mem_type(check(H5Tcopy(file_type.get()), "copy type"), H5Tclose);
    if (n > 0)
      check(H5Dread(ds.get(), mem_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
            "read " + name);
    std::vector<std::string> values;
    for (hssize_t i = 0; i < n; ++i) {
      const char* start = buffer.data() + i * width;
      values.emplace_back(start, std::find(start, start + width, '\0'));
    }
    return values;
  }
  std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
  Handle type = string_type();
  if (n > 0)
    check(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), "read " + name);
  std::vector<std::string> values;
  for (char* s : raw) values.emplace_back(s ? s : ""), H5free_memory(s);
  return values;
}

}  // namespace ecosim::h5
