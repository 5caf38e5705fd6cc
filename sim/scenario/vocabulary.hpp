// The fixed vocabularies of the model: sectors, themes and the cooperation ladder.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ecosim {

enum class Sector : std::uint8_t {
  manufacturing,
  ict,
  health_welfare,
  energy,
  tourism,
  trade_logistics,
  services,
};
inline constexpr std::size_t kSectors = 7;
inline constexpr std::array<std::string_view, kSectors> kSectorNames = {
    "manufacturing", "ict",  "health_welfare", "energy",
    "tourism",       "trade_logistics", "services"};

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

// Samhandlingstrappan: the rungs a relationship climbs (DOMAIN.md, source 004).
enum class Rung : std::uint8_t { conversation, shared_view, cooperation, joint_action };
inline constexpr std::size_t kRungs = 4;
inline constexpr std::array<std::string_view, kRungs> kRungNames = {
    "conversation", "shared_view", "cooperation", "joint_action"};

template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names,
                                    std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

using SectorArray = std::array<double, kSectors>;
using ThemeArray = std::array<double, kThemes>;

}  // namespace ecosim
