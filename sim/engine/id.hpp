// Typed indices. A firm's index and a region's index are different types, so passing one
// where the other is meant does not compile; underneath each is a plain integer (no cost).
// IdVector is a vector indexed by one kind of id only; MaybeId is an id or nothing, as small
// as the id itself (no -1 sentinels); EnumArray is an array indexed by an enum.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/parallel.hpp"

namespace ecosim {

template <class Tag, class Rep = std::uint32_t>
class Id {
 public:
  using rep_type = Rep;
  constexpr Id() = default;
  constexpr explicit Id(std::size_t index) : value_(static_cast<Rep>(index)) {}
  constexpr Rep value() const { return value_; }
  constexpr std::size_t index() const { return value_; }
  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  Rep value_ = 0;
};

// An id or nothing, stored in the id's own width (the largest value means nothing).
template <class IdT>
class MaybeId {
  using Rep = typename IdT::rep_type;
  static constexpr Rep kNothing = std::numeric_limits<Rep>::max();

 public:
  constexpr MaybeId() = default;
  constexpr MaybeId(std::nullopt_t) {}
  constexpr MaybeId(IdT id) : value_(id.value()) {}
  constexpr bool has_value() const { return value_ != kNothing; }
  constexpr explicit operator bool() const { return has_value(); }
  constexpr IdT operator*() const { return IdT(value_); }
  friend constexpr bool operator==(MaybeId, MaybeId) = default;

 private:
  Rep value_ = kNothing;
};

// The ids [first, first + count), for range-for.
template <class IdT>
class IdRange {
 public:
  class iterator {
   public:
    constexpr explicit iterator(std::size_t i) : i_(i) {}
    constexpr IdT operator*() const { return IdT(i_); }
    constexpr iterator& operator++() { return ++i_, *this; }
    friend constexpr bool operator==(iterator, iterator) = default;

   private:
    std::size_t i_;
  };
  constexpr IdRange() = default;
  constexpr IdRange(std::size_t first, std::size_t count) : first_(first), count_(count) {}
  constexpr iterator begin() const { return iterator(first_); }
  constexpr iterator end() const { return iterator(first_ + count_); }
  constexpr std::size_t size() const { return count_; }
  // The k-th id of the range (a region's k-th municipality), checked: a position in a range
  // is never used as an id of the whole table.
  constexpr IdT nth(std::size_t k) const {
    if (k >= count_) throw std::out_of_range("IdRange::nth: position beyond the range");
    return IdT(first_ + k);
  }
  // The position of `id` in the range: nth(position_of(id)) == id.
  constexpr std::size_t position_of(IdT id) const {
    if (id.index() < first_ || id.index() >= first_ + count_)
      throw std::out_of_range("IdRange::position_of: id outside the range");
    return id.index() - first_;
  }

 private:
  std::size_t first_ = 0, count_ = 0;
};

template <class IdT>
constexpr IdRange<IdT> ids(std::size_t count) {
  return {0, count};
}
template <class IdT>
constexpr IdRange<IdT> ids(IdT first, std::size_t count) {
  return {first.index(), count};
}

// A sequence indexed by one kind of id.
template <class IdT, class T, class Container = std::vector<T>>
class IdVector {
 public:
  using value_type = T;
  IdVector() = default;
  explicit IdVector(std::size_t n, const T& value = T()) : items_(n, value) {}

  T& operator[](IdT id) { return items_[id.index()]; }
  const T& operator[](IdT id) const { return items_[id.index()]; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  IdRange<IdT> ids() const { return {0, items_.size()}; }
  IdT next_id() const { return IdT(items_.size()); }

  void resize(std::size_t n) { items_.resize(n); }
  void reserve(std::size_t n) { items_.reserve(n); }
  std::size_t capacity() const { return items_.capacity(); }
  void clear() { items_.clear(); }
  void assign(std::size_t n, const T& value) { items_.assign(n, value); }
  void push_back(T value) { items_.push_back(std::move(value)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return items_.emplace_back(std::forward<Args>(args)...);
  }
  T& back() { return items_.back(); }

  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  // The plain items, in id order (for hashing, bulk output and checkpoints).
  const Container& items() const { return items_; }
  Container& items() { return items_; }

 private:
  Container items_;
};

// Grows without moving what it holds.
template <class IdT, class T>
using IdDeque = IdVector<IdT, T, std::deque<T>>;

// Calls body(id) for every id in [0, n), in parallel (see for_each_index).
template <class IdT, class Body>
void for_each_id(std::size_t n, const Body& body, std::size_t grain = kGrain) {
  for_each_index(
      n, [&](std::size_t i) { body(IdT(i)); }, grain);
}

// An array indexed by the N values of an enum class.
template <class E, std::size_t N, class T>
struct EnumArray {
  std::array<T, N> values{};

  constexpr T& operator[](E e) { return values[static_cast<std::size_t>(e)]; }
  constexpr const T& operator[](E e) const { return values[static_cast<std::size_t>(e)]; }
  static constexpr std::size_t size() { return N; }
  constexpr auto begin() { return values.begin(); }
  constexpr auto end() { return values.end(); }
  constexpr auto begin() const { return values.begin(); }
  constexpr auto end() const { return values.end(); }
  constexpr void fill(const T& value) { values.fill(value); }
  friend constexpr bool operator==(const EnumArray&, const EnumArray&) = default;
};

// Every value of an enum class with N values 0..N-1, in order.
template <class E, std::size_t N>
constexpr std::array<E, N> enum_values() {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<E>(i);
  return out;
}

}  // namespace ecosim
