#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <type_traits>

#include "engine/fnv.hpp"
#include "io/output_file.hpp"
#include "world/rosters.hpp"

namespace ecosim {
namespace fs = std::filesystem;
namespace {

constexpr std::array<char, 8> kMagic = {'E', 'C', 'O', 'S', 'I', 'M', 'C', 'P'};
// 2: regions keep their participation at the start (issue 16).
// 3: regions count the municipal partnerships started (issue 17).
// 4: the run's identity (run_id); 5: parties member by member (no padding bytes);
// 6: the firms' month columns after their state columns (theme_mask moved);
// 7: the world, its institutions and regions member by member (no padding bytes);
// 8: a project's rejected_by an optional (set only when rejected), optionals saved as a flag
//    and a value (never unset bytes).
constexpr std::uint32_t kFormat = 8;

// The two directions of one description of the state: io(archive, member) writes it into Out
// or reads it back from In, so saving and restoring cannot drift apart.
// Out passes its bytes on to `sink` in blocks (a file while saving: the checkpoint is never held
// whole in memory), taking their digest as they go.
struct Out {
  static constexpr bool saving = true;
  static constexpr std::size_t kBlock = 1 << 20;
  std::function<void(std::string_view)> sink;
  std::string block;
  Fnv fnv;
  void raw(const void* p, std::size_t n) {
    if (n > 0) block.append(static_cast<const char*>(p), n);  // p is null for empty vectors
    if (block.size() >= kBlock) flush();
  }
  void flush() {
    fnv.add(block.data(), block.size());
    sink(block);
    block.clear();
  }
};

struct In {
  static constexpr bool saving = false;
  std::string_view bytes;
  std::size_t at = 0;
  std::size_t left() const { return bytes.size() - at; }
  void raw(void* p, std::size_t n) {
    if (n > left()) throw CheckpointError("truncated inside the state");
    if (n > 0) std::memcpy(p, bytes.data() + at, n);  // p is null for empty vectors
    at += n;
  }
};

template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// Saved as its bytes: a trivially copyable value without a member list. A struct with one
// (engine/members.hpp) is saved member by member: no padding bytes, and no member forgotten;
// an optional as whether it holds a value, then the value or zero (never its unset bytes).
template <class T>
concept Plain = std::is_trivially_copyable_v<T> && !Listed<T> && !kIsOptional<T>;

template <class A, Plain T>
void io(A& a, T& x) {
  a.raw(&x, sizeof x);
}

template <class A, class T>
void io(A& a, std::optional<T>& x) {
  bool held = x.has_value();
  T value = held ? *x : T{};
  io(a, held);
  io(a, value);
  if constexpr (!A::saving) x = held ? std::optional<T>(value) : std::nullopt;
}

// A length, checked against what is left when reading (a corrupt length must not allocate).
template <class A>
std::size_t io_length(A& a, std::size_t length, std::size_t bytes_each) {
  std::uint64_t n = length;
  io(a, n);
  if constexpr (!A::saving)
    if (n > a.left() / std::max<std::size_t>(bytes_each, 1))
      throw CheckpointError("corrupt: a length beyond the end of the file");
  return static_cast<std::size_t>(n);
}

template <class A>
void io(A& a, std::string& s) {
  s.resize(io_length(a, s.size(), 1));
  a.raw(s.data(), s.size());
}

template <class A, class T>
void io(A& a, std::vector<T>& v) {
  v.resize(io_length(a, v.size(), Plain<T> ? sizeof(T) : 1));
  if constexpr (Plain<T>)
    a.raw(v.data(), v.size() * sizeof(T));
  else
    for (T& x : v) io(a, x);
}

template <class A, class T>
void io(A& a, std::deque<T>& v) {
  v.resize(io_length(a, v.size(), 1));
  for (T& x : v) io(a, x);
}

template <class A, class IdT, class T, class C>
void io(A& a, IdVector<IdT, T, C>& v) {
  io(a, v.items());
}

// The trust network's lists in the format of a list per firm (as when each was a vector):
// the holders, then each holder's length and ties.
template <class A>
void io(A& a, TieLists& lists) {
  const std::size_t holders = io_length(a, lists.size(), 1);
  if constexpr (!A::saving) lists = TieLists(), lists.resize(holders);
  std::vector<Tie> held;
  for (std::size_t k = 0; k < holders; ++k) {
    const FirmId i(k);
    if constexpr (A::saving) held.assign(lists.of(i).begin(), lists.of(i).end());
    io(a, held);
    if constexpr (!A::saving) lists.assign(i, held);
  }
}

template <class A>
void io(A& a, FirmTable& firms) {
  firms.for_each_column([&](const char*, auto& column) { io(a, column); });
}

// The trust network and the observer: their one listed State.
template <class A, class T>
requires requires(T& x) { x.state(); }
void io(A& a, T& x) { io(a, x.state()); }

// Any struct with a member list (engine/members.hpp; the world, a project, a party, a tie, an
// institution, a region): every member it declares but the derived ones, which are rebuilt
// from the others (rebuild_rosters; the university index at the start of each partnership
// phase).
template <class A, Listed T>
void io(A& a, T& x) {
  for_each_member(x, [&](const char*, auto& m) { io(a, m); });
}

template <class A>
void io(A& a, CheckpointInfo& info) {
  io(a, info.version), io(a, info.run_id), io(a, info.scenario_text), io(a, info.scenario_source);
  io(a, info.checkpoint_every), io(a, info.rows);
}

// The payload of a whole checkpoint after checking its frame: magic, format, version, digest.
In open_payload(std::string_view bytes) {
  const std::size_t frame = kMagic.size() + sizeof(kFormat) + sizeof(std::uint64_t);
  if (bytes.size() < frame || std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0)
    throw CheckpointError("not an ecosim checkpoint");
  std::uint32_t format = 0;
  std::memcpy(&format, bytes.data() + kMagic.size(), sizeof format);
  if (format != kFormat)
    throw CheckpointError("checkpoint format " + std::to_string(format) + ", this ecosim reads " +
                          std::to_string(kFormat));
  std::uint64_t digest = 0;
  std::memcpy(&digest, bytes.data() + bytes.size() - sizeof digest, sizeof digest);
  Fnv fnv;
  fnv.add(bytes.data(), bytes.size() - sizeof digest);
  if (fnv.h != digest) throw CheckpointError("corrupt or truncated (digest mismatch)");
  return In{bytes.substr(0, bytes.size() - sizeof digest), kMagic.size() + sizeof(kFormat)};
}

// Everything but the digest: magic, format, info, then the state.
void write_state(Out& out, const Simulation& sim, const CheckpointInfo& info) {
  out.raw(kMagic.data(), kMagic.size());
  io(out, const_cast<std::uint32_t&>(kFormat));
  io(out, const_cast<CheckpointInfo&>(info));
  int steps = sim.steps_done();
  io(out, steps);
  io(out, const_cast<World&>(sim.world()));
  io(out, const_cast<Observer&>(sim.observer()));
  out.flush();
}

// The digest of every byte written before it, last.
void write_digest(Out& out) {
  const std::uint64_t digest = out.fnv.h;
  out.sink({reinterpret_cast<const char*>(&digest), sizeof digest});
}

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error) {
  throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(error));
}

void write_all(int fd, const fs::path& path, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t done = ::write(fd, data, n);
    if (done < 0 && errno == EINTR) continue;
    if (done < 0) fail(path, "cannot write the checkpoint", errno);
    data += done, n -= static_cast<std::size_t>(done);
  }
}

}  // namespace

fs::path checkpoint_path(const fs::path& run_file) { return run_file.string() + ".checkpoint"; }

void remove_checkpoint(const fs::path& run_file) {
  fs::remove(checkpoint_path(run_file));
  fs::remove(checkpoint_path(run_file).string() + ".tmp");
}

std::string checkpoint_bytes(const Simulation& sim, const CheckpointInfo& info) {
  std::string bytes;
  Out out{[&](std::string_view block) { bytes.append(block); }, {}, {}};
  write_state(out, sim, info);
  write_digest(out);
  return bytes;
}

CheckpointInfo read_checkpoint_info(std::string_view bytes) {
  In in = open_payload(bytes);
  CheckpointInfo info;
  io(in, info);
  return info;
}

Simulation restore_simulation(std::string_view bytes, Scenario scenario) {
  In in = open_payload(bytes);
  CheckpointInfo info;
  io(in, info);
  int steps = 0;
  World world;
  Observer observer(scenario);
  io(in, steps), io(in, world), io(in, observer);
  if (in.left() != 0) throw CheckpointError("corrupt: bytes after the state");
  rebuild_rosters(world, scenario);
  return Simulation(std::move(scenario), std::move(world), std::move(observer), steps);
}

void save_checkpoint(const fs::path& path, const Simulation& sim, const CheckpointInfo& info,
                     const std::function<void()>& half_written) {
  const fs::path temporary = path.string() + ".tmp";
  const OutputFolder folder(path.parent_path());
  // A new file, never through a link planted at the temporary name (a kill's leftover is
  // replaced).
  const int fd = folder.create_new_file(temporary.filename().string(), true);
  try {
    Out out{[&](std::string_view block) { write_all(fd, temporary, block.data(), block.size()); },
            {},
            {}};
    write_state(out, sim, info);
    if (half_written) half_written();
    write_digest(out);
    if (::fsync(fd) != 0) fail(temporary, "cannot sync the checkpoint", errno);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  if (::renameat(folder.fd(), temporary.filename().c_str(), folder.fd(), path.filename().c_str()) !=
      0)
    fail(path, "cannot put the checkpoint in place", errno);
  folder.sync();  // the rename itself must survive a crash of the machine
}

std::string load_checkpoint(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      throw CheckpointError("no checkpoint (allowed: a run started with --checkpoint-every)");
    throw CheckpointError(std::strerror(errno));
  }
  std::string bytes;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throw CheckpointError(std::strerror(error));
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return bytes;
}

}  // namespace ecosim
