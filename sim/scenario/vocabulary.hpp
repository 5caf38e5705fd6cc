// The fixed vocabularies of the model: sectors, themes, the cooperation ladder, and regions
// (which a scenario lists, so their id belongs here).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/id.hpp"

namespace ecosim {

// A region's position in the scenario's [[region]] list; the first is the one studied.
using RegionId = Id<struct RegionTag, std::uint16_t>;

// Industries grouped as Drammen's statistics group them (CALIBRATION §1): manufacturing takes
// construction, primary industries and mining; energy is electricity, water and waste;
// services are finance, professional, business and personal services; public administration
// and education, 95% public, are a sector of their own.
enum class Sector : std::uint8_t {
  manufacturing,
  ict,
  health_welfare,
  energy,
  tourism,
  trade_logistics,
  services,
  public_admin_education,
};
inline constexpr std::size_t kSectors = 8;
inline constexpr std::array<std::string_view, kSectors> kSectorNames = {
    "manufacturing",   "ict",      "health_welfare",        "energy", "tourism",
    "trade_logistics", "services", "public_admin_education"};
inline constexpr std::array<Sector, kSectors> kAllSectors = enum_values<Sector, kSectors>();

// The six themes of cross-regional cooperation (DOMAIN.md, source 003).
enum class Theme : std::uint8_t {
  climate_energy,
  health_welfare,
  entrepreneurship,
  tourism,
  competence,
  capital,
};
inline constexpr std::size_t kThemes = 6;
inline constexpr std::array<std::string_view, kThemes> kThemeNames = {
    "climate_energy", "health_welfare", "entrepreneurship", "tourism", "competence", "capital"};
inline constexpr std::array<Theme, kThemes> kAllThemes = enum_values<Theme, kThemes>();

// Samhandlingstrappan: the rungs a relationship climbs (DOMAIN.md, source 004).
enum class Rung : std::uint8_t { conversation, shared_view, cooperation, joint_action };
inline constexpr std::size_t kRungs = 4;
inline constexpr std::array<std::string_view, kRungs> kRungNames = {"conversation", "shared_view",
                                                                    "cooperation", "joint_action"};
inline constexpr std::array<Rung, kRungs> kAllRungs = enum_values<Rung, kRungs>();

// SSB's size classes of establishments by employees (CALIBRATION §4).
enum class SizeClass : std::uint8_t {
  none,
  e1_4,
  e5_9,
  e10_19,
  e20_49,
  e50_99,
  e100_249,
  e250_plus
};
inline constexpr std::size_t kSizeClasses = 8;
inline constexpr std::array<std::string_view, kSizeClasses> kSizeClassNames = {
    "none", "1_4", "5_9", "10_19", "20_49", "50_99", "100_249", "250_plus"};
inline constexpr std::array<SizeClass, kSizeClasses> kAllSizeClasses =
    enum_values<SizeClass, kSizeClasses>();
// The fewest employees of each class; the largest of a class is one less than the next's fewest.
inline constexpr std::array<int, kSizeClasses> kSizeClassFloor = {0, 1, 5, 10, 20, 50, 100, 250};
inline SizeClass size_class_of(int employees) {
  std::size_t c = 0;
  while (c + 1 < kSizeClasses && employees >= kSizeClassFloor[c + 1]) ++c;
  return static_cast<SizeClass>(c);
}

template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names,
                                    std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

inline std::string_view name_of(Sector s) { return kSectorNames[static_cast<std::size_t>(s)]; }
inline std::string_view name_of(Theme t) { return kThemeNames[static_cast<std::size_t>(t)]; }
inline std::string_view name_of(Rung r) { return kRungNames[static_cast<std::size_t>(r)]; }

template <class T>
using PerSector = EnumArray<Sector, kSectors, T>;
template <class T>
using PerTheme = EnumArray<Theme, kThemes, T>;
template <class T>
using PerRung = EnumArray<Rung, kRungs, T>;
template <class T>
using PerSizeClass = EnumArray<SizeClass, kSizeClasses, T>;
using SectorArray = PerSector<double>;
using ThemeArray = PerTheme<double>;

}  // namespace ecosim
