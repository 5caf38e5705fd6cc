// The one place that names every scenario key: its field, allowed range, unit, meaning and
// source. describe() is walked by the TOML reader (load.cpp) and by the key catalogue
// (catalogue.cpp: `ecosim params`, docs/MODEL.md, the sweep's default ranges), so the parser,
// the validation and the docs can never disagree.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include "scenario/scenario.hpp"

namespace ecosim::schema {

struct Limits {
  double min;
  double max;
};
inline constexpr Limits kUnit = {0.0, 1.0};
inline constexpr Limits kNonNegative = {0.0, std::numeric_limits<double>::max()};
inline constexpr Limits kNok = {0.0, 1e15};

// Where a key's default comes from. `cited`: a row of ../shared/CALIBRATION.md ("§1 ..."), a
// seed document ("seed 002 ...") or a paper, possibly with a plausible range; `assumed`: no
// source, so a plausible range is required (the range sweeps explore, issue 9); `technical`:
// steers the run, not the model. For sector and theme tables a range may be `relative`: factors
// on each entry's default.
struct Source {
  enum class Kind : std::uint8_t { cited, assumed, technical };
  Kind kind = Kind::technical;
  std::string_view citation;
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  bool relative = false;
  bool has_range() const { return !std::isnan(low) && !std::isnan(high); }
};
constexpr Source cited(std::string_view citation) { return {Source::Kind::cited, citation}; }
constexpr Source cited(std::string_view citation, double low, double high) {
  return {Source::Kind::cited, citation, low, high};
}
constexpr Source assumed(double low, double high, std::string_view why = "") {
  return {Source::Kind::assumed, why, low, high};
}
constexpr Source assumed_factor(double low, double high, std::string_view why = "") {
  return {Source::Kind::assumed, why, low, high, true};
}
constexpr Source cited_factor(std::string_view citation, double low, double high) {
  return {Source::Kind::cited, citation, low, high, true};
}
constexpr Source technical() { return {}; }

// Visitor V provides: num(key, field, limits, unit, doc, source), flag(key, field, doc, source),
// text(key, field, doc), rung(key, field, doc, source), ladder(key, field, doc, source),
// named(key, field, names, limits, unit, doc, missing_is_zero, source) for a table of one
// number per sector, theme or size class, table(key, doc, body) and regions(key, field, doc, body).

template <class V>
void describe(V& v, SimulationParams& p) {
  v.num("steps", p.steps, Limits{1, 100000}, "month", "number of monthly steps to simulate",
        technical());
  v.num("seed", p.seed, Limits{0, 9.0e15}, "", "seed of every random stream of the run",
        technical());
  v.num("record_every", p.record_every, Limits{1, 1200}, "month", "steps between indicator rows",
        technical());
  v.num("flush_every", p.flush_every, Limits{1, 100000}, "month",
        "steps between HDF5 writes and flushes (a killed run keeps every flushed row)",
        technical());
  v.num("snapshot_every", p.snapshot_every, Limits{0, 100000}, "month",
        "months between snapshots of every firm and tie (also the first and last month); 0: none",
        technical());
}

template <class V>
void describe(V& v, RegionParams& p) {
  v.text("name", p.name, "region name; unique; the first region is the one studied");
  v.num("population", p.population, Limits{100, 1e9}, "person", "inhabitants at the start",
        cited("§1 bfk.no: Drammen 104,625 (31.03.2024)"));
  v.num("firms", p.firms, Limits{1, 5e7}, "firm",
        "establishments at the start, public ones included",
        cited("§1 SSB via byavisadrammen.no: Drammen 9,868 establishments (1.1.2020)"));
  v.num("jobs", p.jobs, Limits{0, 5e8}, "person",
        "jobs at the start as SSB counts them (employees and working owners, public included); "
        "the largest establishments are scaled to reach it; 0: as the size draw gives",
        cited("§1 kommuneprofilen (SSB): Drammen employment 47,523 (2019)"));
  v.num("municipalities", p.municipalities, Limits{1, 1000}, "", "municipalities in the region",
        cited("§1: Drammen is one municipality"));
  v.num("universities", p.universities, Limits{0, 100}, "", "universities and colleges",
        cited("§11: University of South-Eastern Norway, campus Drammen"));
  v.num("private_investors", p.private_investors, Limits{0, 1000}, "", "private capital funds",
        assumed(0, 5));
  v.num("promotion_orgs", p.promotion_orgs, Limits{0, 1000}, "",
        "business-promotion / cluster organisations", assumed(0, 3));
  v.num(
      "generalised_trust", p.generalised_trust, kUnit, "share",
      "share saying most people can be trusted; initial and resting trust of ties",
      cited("§6 Integrated Values Surveys ~2022: NO 0.72 (range DE 0.42 .. DK 0.74)", 0.42, 0.74));
  v.num("service_quality", p.service_quality, kUnit, "index", "quality of municipal service",
        assumed(0.3, 0.9, "an index; no survey figure"));
  v.num("responsiveness", p.responsiveness, kUnit, "index",
        "how accommodating and solution-oriented the municipality is", assumed(0.3, 0.9));
  v.num("infrastructure", p.infrastructure, kUnit, "index",
        "quality of infrastructure; scales output (firms.infrastructure_productivity_gain)",
        assumed(0.3, 0.9));
  v.num("entrepreneurial_attitude", p.entrepreneurial_attitude, kUnit, "index",
        "attitude to entrepreneurship; scales firm entry (0.5: the reference rate)",
        assumed(0.3, 0.7));
  v.num(
      "human_capital", p.human_capital, kUnit, "share", "skilled share of the labour force",
      cited("§11 residents with higher education: Drammen 31%, Buskerud 28.1% (2015)", 0.28, 0.40));
  v.num("dialogue_per_month", p.dialogue_per_month, Limits{0, 1e6}, "meeting/month",
        "municipal meetings with firms (visits, breakfast meetings)", assumed(10, 400));
  v.num("labour_force_share", p.labour_force_share, Limits{0.05, 1}, "share",
        "labour force (residents working or seeking work) per inhabitant",
        cited("§11 labour force of Drammen ~52,000 (derived from NAV) / §1 population 104,625",
              0.45, 0.55));
  v.num("working_age_share", p.working_age_share, Limits{0.05, 1}, "share",
        "inhabitants aged 20-66 per inhabitant (the employment rate's denominator)",
        cited("derived: §11 employed residents 52,000 x (1 - 0.02) / §1 employment rate 78.2% "
              "(Norway 20-66) / population 104,625",
              0.60, 0.66));
  v.num("unemployment_rate", p.unemployment_rate, Limits{0.001, 0.5}, "share",
        "unemployed share of the labour force at the start; sets how many residents hold a job "
        "of the region",
        cited("§11 NAV registered unemployment, Drammen Sep 2022: 2.0%", 0.019, 0.035));
  v.num("self_employed_share", p.self_employed_share, kUnit, "share",
        "working owners of establishments without employees, as a share of jobs",
        cited("SSB Okonomiske analyser 2/2008 (Stambol): self-employed ~8% of the employed", 0.05,
              0.08));
  v.num("population_growth_per_year", p.population_growth_per_year, Limits{-0.1, 0.1}, "1/year",
        "natural growth of the population aged 20-66; migration follows jobs "
        "(market.migration_response)",
        assumed(0, 0.006, "most of Norway's population growth is migration"));
  v.named("sector_shares", p.sector_shares, kSectorNames, Limits{0, 1e6}, "share",
          "shares of jobs by sector, normalised to sum 1; a sector left out is 0", true,
          cited("§1 employment by industry, old Drammen Q4 2009 (SSB), split with §9 national "
                "employment (NAV 2023)"));
}

template <class V>
void describe(V& v, FirmParams& p) {
  v.named("size_class_shares", p.size_class_shares, kSizeClassNames, kUnit, "share",
          "shares of establishments by employees (none, 1-4, ..., 250 and more), normalised; the "
          "counts of each class are exact at every seed",
          false, cited("§4 SSB establishments by size, Norway 1.1.2023"));
  v.num("size_tail_exponent", p.size_tail_exponent, Limits{0.3, 5}, "",
        "Zipf exponent of sizes inside each class (P(S > s) ~ s^-exponent)",
        cited("§4 Axtell 2001: about 1", 0.8, 1.3));
  v.num("max_initial_employees", p.max_initial_employees, Limits{250, 1e6}, "person",
        "largest initial establishment (before scaling to region jobs)",
        assumed(1000, 5000, "a hospital-sized establishment"));
  v.num("entrant_no_employee_share", p.entrant_no_employee_share, kUnit, "share",
        "share of new firms without employees (the others have 1-4)",
        cited("§4 Eurostat 2012: 70.8% of new firms have no employees", 0.6, 0.8));
  v.named("public_share", p.public_share, kSectorNames, kUnit, "share",
          "share of a sector's jobs in public establishments (employment follows the working-age "
          "population; no exit, ideas or partnerships)",
          false,
          cited("SSB register-based employment Q4 2015 by sector (table 267368): health and social "
                "0.751; public administration 0.999 and education 0.877 weighted 8.4:5.4"));
  v.num("growth_sigma_per_month", p.growth_sigma_per_month, Limits{0, 1}, "1/month",
        "monthly standard deviation of the growth of a one-person firm; yearly growth is Laplace "
        "(Stanley et al. 1996)",
        assumed(0.02, 0.12, "tuned to the Laplace fact of `ecosim validate`"));
  v.num("growth_size_exponent", p.growth_size_exponent, Limits{0, 1}, "",
        "beta in sigma(S) ~ S^-beta", cited("§4 Amaral et al. 1997: 0.20 +- 0.03", 0.14, 0.26));
  v.num("hiring_match_rate", p.hiring_match_rate, kUnit, "1/month",
        "hires a month per job seeker of the region, when firms want that many",
        assumed(0.3, 1.0,
                "hires also come from outside the labour force and from other jobs, so above "
                "the unemployed's job-finding rate; tuned to the competence-gap band"));
  v.num("hiring_fill_max", p.hiring_fill_max, kUnit, "1/month",
        "share of a month's sought hires found in the slackest market, approached smoothly as "
        "seekers grow: a recruitment takes weeks (advertising, interviews, notice), so some "
        "vacancies stay open into next month even in a slack market",
        assumed(0.6, 0.95,
                "no vacancy durations in CALIBRATION; tuned to the share of firms with "
                "recruitment problems (§12b NAV) and of failed recruitments (§12c)"));
  v.num("separation_rate_per_month", p.separation_rate_per_month, kUnit, "1/month",
        "share of a firm's employees who leave each month (quits, retirement, moves); the firm "
        "seeks to replace them, so firms of steady size recruit too",
        assumed(0.005, 0.03,
                "no worker flows in CALIBRATION; tuned with hiring_fill_max to NAV's share of "
                "establishments with recruitment problems (§12b)"));
  v.num("vacancy_expiry_per_month", p.vacancy_expiry_per_month, kUnit, "1/month",
        "share of a firm's unfilled wish to grow that lapses each month (growth postponed; "
        "replacing those who left never lapses)",
        assumed(0.02, 0.6,
                "NHO 2024 (§12a): 43% of firms short of skills shelved or postponed expansion; "
                "the monthly rate is not sourced"));
  v.num("cash_target_months", p.cash_target_months, Limits{0, 120}, "month",
        "median cash buffer in months of costs; cash above a firm's buffer is paid out (and "
        "firms start at the level this gives)",
        assumed(3, 12, "3: a tenth of employers start below 3 months of wages in cash"));
  v.num("payout_per_month", p.payout_per_month, kUnit, "1/month",
        "share of cash above the buffer paid out to owners each month",
        assumed(0.04, 0.33, "0.25: owners take most of a quarter's surplus"));
  v.num("cash_months_log_sd", p.cash_months_log_sd, Limits{0, 3}, "",
        "log-normal spread of firms' cash buffers around cash_target_months (the median): some "
        "capable firms are cash-poor",
        assumed(0, 1.2, "SMEs' liquidity varies widely; no distribution in CALIBRATION"));
  v.num("initial_knowledge", p.initial_knowledge, kUnit, "index",
        "mean initial knowledge per theme", assumed(0.1, 0.5, "an index"));
  v.num("knowledge_log_sd", p.knowledge_log_sd, Limits{0, 3}, "",
        "log-normal spread of initial knowledge", assumed(0.2, 1.0));
  v.num("knowledge_productivity_gain", p.knowledge_productivity_gain, Limits{0, 5}, "",
        "value added gain per unit of mean knowledge", assumed(0, 0.5));
  v.num("productivity_log_sd", p.productivity_log_sd, Limits{0, 3}, "",
        "log-normal spread of firms' productivity", assumed(0.2, 0.6));
  v.num("wage_productivity_elasticity", p.wage_productivity_elasticity, Limits{0, 1}, "",
        "wage = sector wage * productivity^elasticity: productive firms pay more",
        assumed(0.1, 0.8));
  v.num("infrastructure_productivity_gain", p.infrastructure_productivity_gain, Limits{0, 2}, "",
        "value added gain per unit of the region's infrastructure above 0.5", assumed(0, 0.4));
  v.num("loss_shrink_per_month", p.loss_shrink_per_month, Limits{0, 1}, "1/month",
        "drop in growth drift of a firm with negative cash",
        assumed(0, 0.05, "0.01: a firm short of cash cuts staff slowly (notice periods)"));
  v.num("fixed_cost_share", p.fixed_cost_share, Limits{0, 0.9}, "share",
        "costs that do not follow demand (premises, equipment, interest), as a share of the "
        "value added of the firm's people (owner included) at trend demand; demand below it "
        "makes losses, and cash run out makes a bankruptcy",
        assumed(0.1, 0.25,
                "part of the 25% of value added that is not wages (§9 labour share); "
                "tuned to §14's 5-16% of closures being bankruptcies"));
  v.num("bad_debt_per_year", p.bad_debt_per_year, Limits{0, 12}, "1/year",
        "how often a private firm loses sales it had made (a customer pays late or never): the "
        "cash shock that can run a firm without buffer into bankruptcy",
        assumed(0.1, 1,
                "§14 Intrum 2017: 27% of firms say late payment threatens their "
                "survival; tuned to §14's 5-16% of closures being bankruptcies"));
  v.num("bad_debt_months", p.bad_debt_months, Limits{0, 24}, "month",
        "mean size of such a loss in months of the firm's value added (exponential)",
        assumed(0.5, 3, "an invoice of one to a few months of sales"));
  v.num("first_hire_capacity", p.first_hire_capacity, Limits{0.5, 10}, "person",
        "demand (in persons beyond the owner) a firm without employees needs before it hires "
        "its first one; above 0.5 the step to employer is harder than the next hire",
        assumed(1, 4,
                "tuned so that the size classes of the start are kept (§4, §18); the "
                "first hire is a fixed step (payroll, an employer's risks)"));
  v.num("exit_hazard_per_year", p.exit_hazard_per_year, kUnit, "1/year",
        "yearly exit hazard of an old firm without employees",
        cited("fitted to §4 survival (SSB, Eurostat) and exit rates (8.5-13.8%)", 0.07, 0.15));
  v.num("exit_young_excess", p.exit_young_excess, Limits{0, 100}, "",
        "a new firm's hazard is (1 + excess) times an old one's, fading with age",
        cited("fitted to §4 1/3/5-year survival", 2, 10));
  v.num("exit_young_years", p.exit_young_years, Limits{0.01, 50}, "year",
        "time scale on which the excess hazard of young firms fades",
        cited("fitted to §4 1/3/5-year survival", 0.25, 2));
  v.num("exit_size_exponent", p.exit_size_exponent, Limits{0, 3}, "",
        "hazard falls as (employees + 1)^-exponent: large firms rarely close",
        assumed(0.2, 1.0,
                "0.8: tuned so that closures of large establishments (one of 462 employees in "
                "ten years at 0.5) do not swing unemployment beyond §11's band; §19's 5-year "
                "survival of firms born with 5+ against fewer employees (58.5% vs 28.4%) "
                "suggests about 0.5 for young firms"));
  v.num("insolvency_months", p.insolvency_months, Limits{1, 120}, "month",
        "months of negative cash before a firm exits", assumed(3, 12));
  v.num("entry_rate_per_year", p.entry_rate_per_year, kUnit, "1/year",
        "new firms per private firm at entrepreneurial_attitude 0.5",
        cited("§4 SSB 306865 birth rate Norway 2015 14.4%, Eurostat 2021 10.7%; §1 Drammen ~8.8%",
              0.085, 0.145));
  v.named("wage_nok_per_month", p.wage_nok_per_month, kSectorNames, kNok, "NOK/month",
          "monthly wage cost per employee (2019 NOK)", false,
          cited_factor("§9 SSB monthly earnings by industry 2016 x 1.0874 (§9 wage growth to 2019) "
                       "x 1.20 (employer's contributions 14.1%, holiday pay, pension)",
                       0.95, 1.1));
  v.named("labour_share", p.labour_share, kSectorNames, kUnit, "share",
          "wage costs / value added: value added per worker = wage / labour share", false,
          cited_factor("Norges Bank MPR 1/19 (SSB): labour share mainland Norway 76% (2019); NOU "
                       "2007:3 manufacturing 73%",
                       0.9, 1.07));
  v.named(
      "skilled_share", p.skilled_share, kSectorNames, kUnit, "share",
      "share of a sector's jobs that need skilled workers; each region scales the table so "
      "that its skilled jobs are its human capital",
      false,
      assumed_factor(0.7, 1.3, "the level is §11's 31%; the pattern across sectors is assumed"));
  v.named(
      "emissions_t_per_mnok", p.emissions_t_per_mnok, kSectorNames, Limits{0, 1000}, "t CO2e/MNOK",
      "emissions per MNOK of value added", false,
      cited_factor("§8 SSB national accounts and environment 2011, t CO2e per FTE / value added "
                   "per FTE; trade_logistics includes international transport",
                   0.3, 1.2));
  v.num("emission_factor_log_sd", p.emission_factor_log_sd, Limits{0, 3}, "",
        "log-normal spread of firms' emission intensity", assumed(0, 0.8));
  v.num("emission_trend_per_year", p.emission_trend_per_year, Limits{-0.5, 0.5}, "1/year",
        "yearly change of emission intensities", assumed(-0.03, 0, "no sourced trend"));
}

template <class V>
void describe(V& v, MarketParams& p) {
  v.num("demand_persistence", p.demand_persistence, kUnit, "",
        "AR(1) persistence of each (region, sector) demand shock", assumed(0.8, 0.99));
  v.num("demand_volatility", p.demand_volatility, Limits{0, 1}, "",
        "standard deviation of the monthly demand shock",
        assumed(0.005, 0.05,
                "tuned: unemployment's swings (§11 Drammen 1.9-3.5%; 0.012 took it to 0.9-4.2%), "
                "yearly growth stays Laplace-shaped"));
  v.num("demand_growth_per_year", p.demand_growth_per_year, Limits{-0.5, 0.5}, "1/year",
        "trend growth of demand for private firms' jobs",
        cited("fitted so that jobs grow as §1 Drammen's did 2000-2019 (+0.34%/yr): exits, "
              "bankruptcies, entries and the labour market's frictions take part of the trend",
              0.0034, 0.02));
  v.num("productivity_growth_per_year", p.productivity_growth_per_year, Limits{-0.1, 0.1}, "1/year",
        "growth of value added per worker, and of wages with it",
        cited("§9 NOU 2015:1: market mainland industries 0.8%/yr (2006-2013)", 0, 0.03));
  v.num("skilled_attrition_per_year", p.skilled_attrition_per_year, kUnit, "1/year",
        "share of skilled workers leaving the labour force each year (retirement)",
        cited("derived: a working life of 47 years (ages 20-66)", 0.015, 0.03));
  v.num("wage_curve_elasticity", p.wage_curve_elasticity, Limits{-2, 0}, "",
        "elasticity of wages to unemployment (the wage curve)",
        cited("Blanchflower & Oswald 1992, International Wage Curves (NBER w4200), Norway "
              "among 10 countries: -0.1",
              -0.2, -0.05));
  v.num("wage_curve_unemployment_floor", p.wage_curve_unemployment_floor, Limits{0.01, 1}, "share",
        "unemployment below which the wage curve rises no further, as a share of the "
        "starting unemployment",
        assumed(0.05, 0.5));
  v.num("wage_adjust_per_month", p.wage_adjust_per_month, kUnit, "1/month",
        "speed at which wages move to the wage curve", assumed(0.03, 0.33));
  v.num("labour_demand_wage_elasticity", p.labour_demand_wage_elasticity, Limits{-5, 0}, "",
        "change of firms' wished employment per relative change of wages",
        assumed(-1, -0.1, "the literature spans -0.1 to -1 (Lichter et al. 2015)"));
  v.num("migration_response", p.migration_response, Limits{0, 20}, "1/year",
        "working-age population moving in per year, as a share of the labour force, per point "
        "of unemployment below its start (moving out above it)",
        assumed(0.2, 2.0,
                "the Blanchard & Katz (1992) mechanism; no Norwegian estimate; 2: "
                "Drammen lies in Oslo's commuting area, where labour moves fast"));
  v.num("participation_response", p.participation_response, Limits{0, 10}, "",
        "points of participation (labour force / working age) lost per point of unemployment "
        "above the reference, at once: people stop seeking work when jobs are scarce and "
        "start when they are plentiful",
        cited("Dao, Furceri & Loungani (VoxEU 2014, Blanchard & Katz 1992 updated), US states: "
              "a 1% fall of employment raises unemployment by about 0.2 points and lowers "
              "participation by about 0.25 in the first year; 1.25 = 0.25 / 0.2. Participation "
              "takes more of a shock in Europe (Decressin & Fatas 1995)",
              0.5, 3));
  v.num("skilled_unemployment_ratio", p.skilled_unemployment_ratio, Limits{0.05, 1}, "",
        "unemployment of the skilled at the start relative to the region's",
        assumed(0.3, 1.0, "unemployment is lower among the higher educated"));
}

template <class V>
void describe(V& v, DialogueParams& p) {
  v.num("satisfaction_rate", p.satisfaction_rate, kUnit, "1/month",
        "speed at which satisfaction follows its target", assumed(0.02, 0.3));
  v.num("climate_growth_per_year", p.climate_growth_per_year, Limits{-1, 1}, "1/year",
        "the business climate's channel: yearly growth of a private firm's capacity per unit "
        "of its satisfaction above neutral_satisfaction (slower below it)",
        assumed(0, 0.05,
                "§13: employment grows more where the climate improved the year before "
                "(Svenskt Naringsliv 2024, no effect size) and a better climate raises "
                "employment (Folster et al. 2016, IV/GMM), but the 2002 index predicted worse "
                "employment (Ekonomistas 2013): 0 is plausible; 0.01: a grade better on SN's "
                "1-6 scale (0.2) adds 0.2% a year"));
  v.num("neutral_satisfaction", p.neutral_satisfaction, kUnit, "",
        "satisfaction at which the business climate neither speeds nor slows growth",
        cited("§13 Svenskt Naringsliv 2023: national mean grade 3.5 on the 1-6 scale, "
              "(3.5 - 1) / 5 = 0.5",
              0.4, 0.6));
  v.num("weight_service", p.weight_service, kUnit, "", "weight of service quality in satisfaction",
        assumed(0, 1, "seed 001 names the survey's dimensions, not their weights"));
  v.num("weight_responsiveness", p.weight_responsiveness, kUnit, "",
        "weight of responsiveness in satisfaction", assumed(0, 1));
  v.num("weight_dialogue", p.weight_dialogue, kUnit, "",
        "weight of the firm's trust in its municipality in satisfaction", assumed(0, 1));
  v.num("membership_share", p.membership_share, kUnit, "share",
        "share of firms that are members of a promotion organisation", assumed(0.1, 0.5));
  v.num("brokered_meetings_per_month", p.brokered_meetings_per_month, Limits{0, 1e6},
        "meeting/month", "meetings among members a promotion organisation brokers",
        assumed(0, 100));
  v.num("forum_meetings_per_month", p.forum_meetings_per_month, Limits{0, 1e6}, "meeting/month",
        "meetings a region's growth forum brings about each month between one of its firms and "
        "a firm of another region (of its own where trust.allow_cross_region is off or there "
        "is one region; 0: no forum)",
        cited("§16: >38,000 firms took part in the 6 Danish growth fora 2007-Sep 2014, about "
              "70 a forum a month; the share that met a firm of another region is not known",
              0, 70));
  v.num("member_fee_nok_per_year", p.member_fee_nok_per_year, kNok, "NOK/year",
        "membership fee per firm", assumed(1000, 20000));
  v.num("public_grant_nok_per_year", p.public_grant_nok_per_year, kNok, "NOK/year",
        "public grant to each promotion organisation",
        cited("§5 Norwegian cluster programme: Arena ~2.2 MNOK/yr, NCE ~5", 0, 5e6));
  v.num("representation_public_share_threshold", p.representation_public_share_threshold, kUnit,
        "share", "public share of income above which an organisation loses representativeness",
        cited("seed 002 (dependence on public money); §5 public share of European cluster "
              "budgets >50% (2010-12) -> ~45% (2016-17)",
              0.45, 0.6));
}

template <class V>
void describe(V& v, UniversityParams& p) {
  v.num("graduates_per_year", p.graduates_per_year, Limits{0, 1e6}, "person/year",
        "graduates entering the region's skilled labour force, per university",
        cited("derived: §11 USN 17,067 students / 4 years / 8 campuses, half staying (assumed)",
              100, 500));
  v.num("research_strength", p.research_strength, kUnit, "index", "research capacity per theme",
        assumed(0.3, 0.9));
  v.num("max_concurrent_projects", p.max_concurrent_projects, Limits{0, 10000}, "project",
        "projects a university can take part in at once", assumed(5, 50));
  v.num("spinoffs_per_year", p.spinoffs_per_year, Limits{0, 1000}, "firm/year",
        "spin-off firms per university", assumed(1, 10));
  v.num("ideas_per_year", p.ideas_per_year, Limits{0, 1000}, "project/year",
        "project proposals each university leads", assumed(2, 20));
}

template <class V>
void describe(V& v, InvestorParams& p) {
  v.num("capital_nok_per_year", p.capital_nok_per_year, kNok, "NOK/year",
        "capital each private investor puts into the region's projects a year (plus what "
        "successful capital projects mobilised the year before)",
        assumed(1e7, 1e8,
                "§11 Norwegian venture capital 0.6-1.9 bn USD/yr x the region's "
                "employment share, of which a minority goes to partnership projects"));
  v.num("appetite_decay_per_year", p.appetite_decay_per_year, kUnit, "1/year",
        "return of an investor's risk tolerance to its base after capital projects raised it",
        assumed(0.1, 0.5));
  v.num("required_return", p.required_return, Limits{0, 1}, "1/year",
        "expected yearly return a private investor requires", assumed(0.05, 0.2));
  v.num("risk_tolerance", p.risk_tolerance, kUnit, "", "highest failure risk accepted",
        assumed(0.3, 0.7));
  v.num("max_share", p.max_share, kUnit, "share", "largest share of a project's budget",
        assumed(0.2, 0.5));
}

template <class V>
void describe(V& v, MunicipalityPolicy& p) {
  v.num("min_external_share", p.min_external_share, kUnit, "share",
        "others' share of a project before the municipality joins",
        cited("seed 002 Orebro: at least 50% co-financing by another party", 0, 0.7));
  v.flag("in_kind_counts", p.in_kind_counts, "in-kind contributions count toward the others' share",
         cited("seed 002 Orebro: co-financing in money or staff time (in kind)"));
  v.num("budget_per_capita", p.budget_per_capita, kNok, "NOK/person/year",
        "yearly budget for partnerships with business per inhabitant",
        cited("§10 Drammen: Naeringsvekst 2 MNOK/yr + university campus 3 MNOK/yr / §1 104,625 "
              "inhabitants",
              19, 67));
  v.num("max_project_share", p.max_project_share, kUnit, "share",
        "largest share of a project the municipality pays",
        cited("seed 002 Orebro: others bring at least 50%", 0.5, 1.0));
  v.flag("due_diligence", p.due_diligence,
         "review the finances of a partnership's firms before joining: costs staff time, "
         "excludes firms short of cash (who may break their commitments)",
         cited("seed 002 Orebro: each organisation's finances are reviewed"));
  v.num("due_diligence_min_runway_months", p.due_diligence_min_runway_months, Limits{0, 120},
        "month", "cash runway a firm needs to pass due diligence", assumed(1, 6));
  v.num("review_staff_days_per_party", p.review_staff_days_per_party, Limits{0, 100}, "day",
        "municipal staff days to review one firm's finances", assumed(0.5, 5));
  v.flag("transparency", p.transparency,
         "require insight and transparency in the municipality's partnerships: overhead on the "
         "budget, no leakage of municipal money",
         cited("seed 002 Orebro: insight and transparency when the municipality funds"));
  v.num("transparency_overhead", p.transparency_overhead, Limits{0, 0.5}, "share",
        "share of a municipal partnership's budget spent on reporting", assumed(0.01, 0.05));
  v.num("leakage_without_transparency", p.leakage_without_transparency, kUnit, "share",
        "share of the municipality's money that does no work in a partnership without insight",
        assumed(0, 0.2));
  v.num(
      "viability_weight", p.viability_weight, kUnit, "",
      "the municipality joins only if the parties' own cash (what goes on after the contract) "
      "covers viability_weight / 2 of the budget (0.5: 25%, Vinnova's business minimum)",
      cited("seed 002 Orebro (life after the contract); §5 Vinnova >= 25% business funding", 0, 1));
  v.flag("evaluation", p.evaluation,
         "evaluate the municipality's partnerships against agreed goals part-way: costs staff "
         "time, stops weak projects and returns their unspent money",
         cited("seed 002 Orebro: each partnership evaluated against agreed goals"));
  v.num("evaluation_staff_days", p.evaluation_staff_days, Limits{0, 100}, "day",
        "municipal staff days one evaluation takes", assumed(1, 10));
  v.flag("single_contract_owner", p.single_contract_owner,
         "one contract owner for all partnerships: less coordination cost, but one function can "
         "take on only so many a year",
         cited("seed 002 Orebro: one contract owner and one agreement per organisation"));
  v.num("contract_owner_projects_per_year", p.contract_owner_projects_per_year, Limits{1, 1e6},
        "project/year", "new partnerships a year one contract owner can take on (per municipality)",
        assumed(10, 60));
  v.num(
      "staff_day_cost_nok", p.staff_day_cost_nok, kNok, "NOK/day", "cost of a municipal staff day",
      cited("derived: §9 municipal monthly earnings 53,270 (2024) x 1.20 / 21.7 days", 2500, 3500));
}

template <class V>
void describe(V& v, PublicAgencyPolicy& p) {
  v.num("max_aid_share", p.max_aid_share, kUnit, "share",
        "largest share of a project's budget a public agency funds",
        cited("§5 GBER Art. 25, RCN IPN, Innovation Norway: up to 50%", 0.25, 0.8));
  v.num("budget_per_year", p.budget_per_year, kNok, "NOK/year", "yearly budget of the agency",
        cited("derived: §15 Innovation Norway's grants, 3.3 bn NOK of its 7.1 bn in 2022 (loans "
              "and guarantees are repaid and left out), x the two regions' 4.44% of Norway's "
              "employed (§9) = 146.5 MNOK; range: Vestfold's 66 MNOK of grants in 2016 (§10) to "
              "Vestfold og Telemark's ~355 MNOK in 2021 (§15) scaled to Buskerud's size (~0.64)",
              0.66e8, 2.3e8));
  v.named("theme_priorities", p.theme_priorities, kThemeNames, Limits{0, 10}, "",
          "relative priority of each theme", false,
          assumed_factor(0.5, 2, "no sourced priority by theme: all equal"));
  v.num("acceptance_share", p.acceptance_share, kUnit, "share",
        "share of applications in a top-priority theme the agency funds (competitive calls; "
        "other themes in proportion to their priority)",
        assumed(0.3, 0.9, "applications are competitive; no acceptance rate in CALIBRATION"));
}

template <class V>
void describe(V& v, TrustParams& p) {
  v.ladder("ladder", p.ladder,
           "increasing trust thresholds of shared view, cooperation and joint action",
           assumed(0.1, 0.7, "the rungs are seed 004's, their thresholds are not"));
  v.rung("min_rung_to_partner", p.min_rung_to_partner, "lowest rung on which two can partner",
         cited("seed 004 cooperation ladder: joint action needs a high rung"));
  v.num("gain_dialogue", p.gain_dialogue, kUnit, "",
        "trust gained per meeting (share of the gap to 1)", assumed(0.005, 0.05));
  v.num("gain_success", p.gain_success, kUnit, "", "trust gained by a successful project",
        assumed(0.05, 0.2));
  v.num("loss_failure", p.loss_failure, kUnit, "", "trust lost by a failed project",
        assumed(0.05, 0.3));
  v.num("decay_per_month", p.decay_per_month, kUnit, "1/month",
        "pull of trust toward the region's generalised trust", assumed(0.002, 0.03));
  v.num("cross_region_factor", p.cross_region_factor, kUnit, "",
        "trust in a stranger of another region relative to one of the holder's own: where a "
        "cross-region tie starts, and where it rests until the two have worked together",
        assumed(0.3, 0.9));
  v.num("cross_region_factor_partners", p.cross_region_factor_partners, kUnit, "",
        "where a cross-region tie rests, relative to a local one, once the two have done a "
        "joint project: knowing each other replaces distance",
        assumed(0.5, 1,
                "Fitjar & Rodriguez-Pose (§17): trust predicts regional and national "
                "collaboration; no estimate of how far joint work closes the gap"));
  v.num("gain_forum", p.gain_forum, kUnit, "",
        "trust gained per growth-forum meeting (share of the gap to 1): a day of work on a "
        "shared theme, between gain_dialogue (a breakfast meeting) and gain_success (a "
        "project)",
        assumed(0.02, 0.1));
  v.flag("allow_cross_region", p.allow_cross_region,
         "may partners come from other regions (a rule on partnerships: who knows whom is the "
         "same either way; growth-forum meetings stay in the region when off)",
         cited("seed 003 Danish growth forums cooperate across regions"));
  v.num("max_ties_per_firm", p.max_ties_per_firm, Limits{1, 65535}, "tie",
        "most ties a firm holds (the weakest is forgotten first): a technical cap, not a model "
        "limit",
        technical());
  v.num("tie_memory_months", p.tie_memory_months, Limits{1, 1200}, "month",
        "an acquaintance without joint work is forgotten after this long without a contact",
        assumed(12, 60));
  v.num("meeting_size_exponent", p.meeting_size_exponent, Limits{0, 2}, "",
        "firms are met (first ties, encounters, brokered meetings) in proportion to "
        "(employees + 1)^exponent: larger firms meet more",
        assumed(0, 1, "alliance networks are hub-dominated (Schilling & Phelps 2005)"));
  v.num("initial_ties_per_firm", p.initial_ties_per_firm, Limits{0, 64}, "tie",
        "mean ties of a firm of the initial world to other firms (last used within "
        "tie_memory_months)",
        assumed(0.5, 6,
                "1: the level the network keeps, so ties per firm start without a "
                "transient"));
  v.num("entrant_ties", p.entrant_ties, Limits{0, 64}, "tie",
        "mean first ties a new firm forms with firms of its municipality", assumed(1, 6));
  v.num("cross_region_tie_share", p.cross_region_tie_share, kUnit, "share",
        "share of first ties made with a firm anywhere (possibly in another region)",
        assumed(0, 0.2));
  v.num("encounter_trust_factor", p.encounter_trust_factor, kUnit, "",
        "trust of a new encounter relative to generalised trust (also across regions)",
        assumed(0.3, 1.0));
  v.num("loss_broken_commitment", p.loss_broken_commitment, kUnit, "",
        "trust lost in a party that closed or ran out of cash before its project ended",
        assumed(0.1, 0.5));
}

template <class V>
void describe(V& v, ProjectParams& p) {
  v.num("ideas_per_firm_per_year", p.ideas_per_firm_per_year, kUnit, "1/year",
        "project proposals a year of a firm without employees and of average knowledge",
        assumed(0.01, 0.15, "tuned to the CIS co-operation share (§7)"));
  v.num("idea_knowledge_ratio_min", p.idea_knowledge_ratio_min, Limits{0.01, 1}, "",
        "least factor of a firm's knowledge (its mean over themes / firms.initial_knowledge) on "
        "its rate of proposals",
        assumed(0.1, 0.5));
  v.num("idea_knowledge_ratio_max", p.idea_knowledge_ratio_max, Limits{1, 100}, "",
        "greatest factor of a firm's knowledge on its rate of proposals", assumed(2, 10));
  v.num("ideas_without_cash_factor", p.ideas_without_cash_factor, kUnit, "",
        "rate of proposals of a firm without cash, as a share of one with cash", assumed(0.1, 0.5));
  v.num("theme_knowledge_floor", p.theme_knowledge_floor, Limits{0, 1}, "knowledge",
        "added to a proposer's knowledge of each theme when its theme is drawn (in proportion to "
        "knowledge times the agency's priority), so a theme it knows nothing of stays possible",
        assumed(0.01, 0.2));
  v.num("budget_median_nok", p.budget_median_nok, kNok, "NOK", "median project budget",
        cited("§10 Viken grants ~0.44 MNOK at <= 50%; §5 Innovation Norway contracts 5-7 MNOK",
              0.5e6, 1e7));
  v.num("budget_log_sd", p.budget_log_sd, Limits{0, 5}, "", "log-normal spread of budgets",
        assumed(0.5, 1.2));
  v.num("duration_min_months", p.duration_min_months, Limits{1, 240}, "month", "shortest project",
        cited("§5 Vinnova: <= 12 months (small) to <= 32 (large); Arena 3 years", 6, 24));
  v.num("duration_max_months", p.duration_max_months, Limits{1, 240}, "month", "longest project",
        cited("§5 Vinnova: <= 12 months (small) to <= 32 (large); Arena 3 years", 24, 60));
  v.num("min_parties", p.min_parties, Limits{2, 32}, "party", "smallest consortium, lead included",
        assumed(2, 3));
  v.num("max_partners", p.max_partners, Limits{2, 32}, "party", "largest consortium, lead included",
        assumed(3, 8));
  v.num("new_encounters_per_proposal", p.new_encounters_per_proposal, Limits{0, 32}, "firm",
        "new firms a lead meets while searching (municipality or promotion organisation)",
        assumed(0, 6));
  v.num("complementarity_weight", p.complementarity_weight, Limits{0, 10}, "",
        "weight of complementarity against theme knowledge in ranking candidates", assumed(0, 3));
  v.num("max_projects_per_firm", p.max_projects_per_firm, Limits{1, 100}, "project",
        "concurrent projects a firm takes part in", assumed(1, 5));
  v.num("employees_per_extra_project", p.employees_per_extra_project, Limits{1, 1e6}, "person",
        "a firm has room for one more concurrent project per this many employees",
        assumed(10, 100));
  v.num("idea_size_exponent", p.idea_size_exponent, Limits{0, 2}, "",
        "firms propose in proportion to (employees + 1)^exponent: larger firms innovate more",
        assumed(0, 1,
                "CIS: the innovation-active share rises with size; tuned with "
                "ideas_per_firm_per_year to §7 and a degree skewness of 2 or more"));
  v.num("cash_share_per_party", p.cash_share_per_party, kUnit, "share",
        "cash each firm party offers, as a share of the budget", assumed(0.05, 0.2));
  v.num("max_cash_pledge_share", p.max_cash_pledge_share, kUnit, "share",
        "largest share of its cash a firm pledges to one project", assumed(0.2, 0.8));
  v.num("in_kind_share_per_party", p.in_kind_share_per_party, kUnit, "share",
        "staff time each party offers, as a share of the budget", assumed(0.05, 0.2));
  v.num("min_funded_share", p.min_funded_share, kUnit, "share",
        "share of the budget that must be covered for a project to start", assumed(0.8, 1.0));
  v.num("base_success", p.base_success, kUnit, "probability",
        "success probability of an average consortium", assumed(0.4, 0.8));
  v.num("success_capability_weight", p.success_capability_weight, Limits{0, 20}, "logit",
        "success logit per unit of the parties' mean practised capability above "
        "success_capability_reference",
        assumed(0, 4));
  v.num("success_capability_reference", p.success_capability_reference, Limits{0, 2}, "share",
        "capability at which the capability term is 0, as a share of firms.initial_knowledge "
        "(0.5: half of a new firm's)",
        assumed(0.3, 0.7));
  v.num("success_trust_weight", p.success_trust_weight, Limits{0, 20}, "logit",
        "success logit per unit of the lead's mean trust in its partners above "
        "success_trust_reference",
        assumed(0, 4));
  v.num("success_trust_reference", p.success_trust_reference, kUnit, "trust",
        "trust at which the trust term is 0", assumed(0.3, 0.7));
  v.num("success_funding_weight", p.success_funding_weight, Limits{0, 20}, "logit",
        "success logit per unit of funded share (below 1 lowers it)", assumed(0, 4));
  v.num("coordination_cost_per_party", p.coordination_cost_per_party, Limits{0, 5}, "logit",
        "success logit lost per party beyond two", assumed(0, 0.5));
  v.num("single_owner_coordination_factor", p.single_owner_coordination_factor, kUnit, "",
        "coordination cost multiplier with a single contract owner", assumed(0.3, 1));
  v.num("success_own_share_weight", p.success_own_share_weight, Limits{0, 20}, "logit",
        "success logit per unit of the parties' own share of the budget (cash and staff time) "
        "above success_own_share_reference: parties with more at stake engage more",
        assumed(0, 2, "seed 002 gives it as the reason for the 50% rule; no estimate"));
  v.num("success_own_share_reference", p.success_own_share_reference, kUnit, "share",
        "own share at which the engagement term is 0", assumed(0.3, 0.7));
  v.num("review_noise", p.review_noise, Limits{0, 1}, "",
        "standard deviation of the progress signal seen at the review", assumed(0.05, 0.3));
  v.num("review_at_share", p.review_at_share, Limits{0.05, 0.95}, "share",
        "share of its duration after which a project is evaluated", assumed(0.25, 0.75));
  v.num("success_complementarity_weight", p.success_complementarity_weight, Limits{0, 20}, "logit",
        "success logit per unit of the parties' complementarity above "
        "success_complementarity_reference",
        assumed(0, 4));
  v.num("success_complementarity_reference", p.success_complementarity_reference, kUnit, "",
        "complementarity at which the complementarity term is 0 (a consortium of like firms "
        "lies below it)",
        assumed(0.1, 0.4));
  v.num("coordination_cost_per_project", p.coordination_cost_per_project, Limits{0, 5}, "logit",
        "success logit lost per other project the parties are running", assumed(0, 0.2));
  v.num("expertise_gain_per_month", p.expertise_gain_per_month, kUnit, "1/month",
        "growth of expertise in a theme while working on a project in it", assumed(0.01, 0.1));
  v.num("expertise_decay_per_month", p.expertise_decay_per_month, kUnit, "1/month",
        "fade of expertise in a theme while unused", assumed(0.005, 0.05));
  v.num("continuation_cash_share", p.continuation_cash_share, Limits{0.01, 1}, "share",
        "parties' cash share at which a successful project surely lives on after its funding",
        assumed(0.3, 1));
  v.num("continuation_months", p.continuation_months, Limits{0, 240}, "month",
        "months a continued project goes on, paid by its private side", assumed(6, 36));
  v.num("startups_per_mnok", p.startups_per_mnok, Limits{0, 100}, "firm/MNOK",
        "start-ups seeded per MNOK of a successful entrepreneurship project", assumed(0, 2));
  v.num("tourism_demand_gain_per_mnok", p.tourism_demand_gain_per_mnok, Limits{0, 1}, "1/MNOK",
        "rise in the region's log tourism demand per MNOK of a successful tourism project",
        assumed(0, 0.005,
                "0.001: a 1 MNOK project lifts Drammen's tourism value added (~1.4 bn NOK/yr) "
                "by 1.4 MNOK/yr, fading"));
  v.num("tourism_demand_decay_per_year", p.tourism_demand_decay_per_year, kUnit, "1/year",
        "yearly fade of the demand tourism projects added (attractions age)", assumed(0.1, 0.5));
  v.num("trainees_per_mnok", p.trainees_per_mnok, Limits{0, 1000}, "person/MNOK",
        "workers made skilled per MNOK of a successful competence project", assumed(1, 20));
  v.num("capital_mobilised_per_nok", p.capital_mobilised_per_nok, Limits{0, 100}, "",
        "private capital drawn into the region per NOK of a successful capital project",
        assumed(0, 2));
  v.num("investor_appetite_gain", p.investor_appetite_gain, kUnit, "",
        "rise in the region's investors' risk tolerance per successful capital project",
        assumed(0, 0.05));
  v.num("knowledge_gain", p.knowledge_gain, kUnit, "", "knowledge gained by each party on success",
        assumed(0.02, 0.2));
  v.num("knowledge_depreciation_per_year", p.knowledge_depreciation_per_year, kUnit, "1/year",
        "yearly return of firms' knowledge toward firms.initial_knowledge",
        assumed(0.1, 0.25, "conventional depreciation of R&D capital"));
  v.num("innovation_revenue_share", p.innovation_revenue_share, Limits{0, 10}, "1/year",
        "yearly product-innovation revenue per unit of budget after success",
        assumed(0.1, 1.0, "cross-check: §7 12.7% of product innovators' turnover"));
  v.num("innovation_revenue_decay_per_year", p.innovation_revenue_decay_per_year, kUnit, "1/year",
        "yearly fade of product-innovation revenue as products age",
        assumed(0.1, 0.33, "product lives of 3-10 years"));
  v.num("innovation_hiring_share", p.innovation_hiring_share, kUnit, "share",
        "innovation's channel to jobs: share of new products' turnover made by staff hired for "
        "it (the firm's capacity grows by that turnover over a person's value added); the rest "
        "is margin earned by its present staff",
        assumed(0, 1,
                "Harrison, Jaumandreu, Mairesse & Peters 2014 (IJIO 35): employment grows about "
                "one for one with sales of new products; the old products they displace and "
                "productivity gains take part of it back"));
  v.num("review_threshold", p.review_threshold, kUnit, "",
        "progress signal below which the review (at review_at_share) stops a project (with "
        "evaluation on)",
        assumed(0.2, 0.5));
  v.num("emission_cut", p.emission_cut, kUnit, "share",
        "cut in emission intensity of firm parties after a successful climate project",
        assumed(0.01, 0.2));
}

template <class V>
void describe(V& v, Scenario& s) {
  v.table("simulation", "length, seed and output cadence",
          [&](V& t) { describe(t, s.simulation); });
  v.regions("region", s.regions, "one entry per region; the first is the one studied",
            [&](V& t, RegionParams& r) { describe(t, r); });
  v.table("firms", "firm sizes, growth, money and emissions", [&](V& t) { describe(t, s.firms); });
  v.table("market", "sector demand and labour supply", [&](V& t) { describe(t, s.market); });
  v.table("dialogue", "meetings, satisfaction and promotion organisations",
          [&](V& t) { describe(t, s.dialogue); });
  v.table("universities", "every university", [&](V& t) { describe(t, s.universities); });
  v.table("investors", "every private investor", [&](V& t) { describe(t, s.investors); });
  v.table("policy", "partnership rules", [&](V& t) {
    t.table("municipality", "Orebro's co-financing and governance rules",
            [&](V& m) { describe(m, s.municipality); });
    t.table("public_agency", "public funding agency", [&](V& a) { describe(a, s.public_agency); });
  });
  v.table("trust", "the trust network and cooperation ladder", [&](V& t) { describe(t, s.trust); });
  v.table("projects", "proposals and their execution", [&](V& t) { describe(t, s.projects); });
}

}  // namespace ecosim::schema
