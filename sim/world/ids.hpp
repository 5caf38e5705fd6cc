// The ids of the world's tables (RegionId is the scenario's: scenario/vocabulary.hpp), and steps.
#pragma once

#include <cstdint>

#include "engine/id.hpp"
#include "scenario/vocabulary.hpp"

namespace ecosim {

using FirmId = Id<struct FirmTag>;
// Municipalities of every region in one table: a region's own are a contiguous range of it
// (RegionState::municipalities), so a region's k-th is RegionState::municipalities.nth(k).
using MunicipalityId = Id<struct MunicipalityTag>;
using UniversityId = Id<struct UniversityTag>;
using InvestorId = Id<struct InvestorTag>;  // private investors
using PromotionOrgId = Id<struct PromotionOrgTag>;
using ProjectId = Id<struct ProjectTag>;

// Months counted from 0 inside the model (the run file counts from 1).
using Step = std::int32_t;
inline constexpr Step kNoStep = -1;  // has not happened (yet)

}  // namespace ecosim
