#include "thmcheck/harness/sweep.hpp"

#include <fmt/format.h>

#include <limits>
#include <set>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/runner.hpp"

namespace thmcheck {

using nlohmann::json;

namespace {

constexpr const char* kSpecForm = "expected A..B, A,B,C or a mix such as 1..5,9";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Digits only: a sign, a decimal point or an exponent would be a seed the user did not mean. `what`
// names the input in messages; `form` says what is expected.
std::uint64_t parse_seed_digits(const std::string& s, const std::string& what,
                                const std::string& form) {
  if (s.empty()) throw InputError(fmt::format("malformed {}: an empty seed ({})", what, form));
  if (s.front() == '-')
    throw InputError(fmt::format("{}: '{}' is negative (a seed is 0 to {})", what, s,
                                 std::numeric_limits<std::uint64_t>::max()));
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9')
      throw InputError(fmt::format("malformed {}: '{}' is not a seed ({})", what, s, form));
    const auto d = std::uint64_t(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10)
      throw InputError(fmt::format("{}: '{}' overflows (a seed is at most {})", what, s,
                                   std::numeric_limits<std::uint64_t>::max()));
    v = 10 * v + d;
  }
  return v;
}

std::uint64_t parse_seed(const std::string& s, const std::string& spec) {
  if (s.empty())
    throw InputError(fmt::format("malformed --seeds '{}': an empty item ({})", spec, kSpecForm));
  return parse_seed_digits(s, fmt::format("--seeds '{}'", spec), kSpecForm);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::uint64_t parse_seed_option(const std::string& text, const std::string& option) {
  return parse_seed_digits(text, option, "decimal digits, 0 to 18446744073709551615");
}

std::vector<std::uint64_t> parse_seed_list(const std::string& spec) {
  if (trim(spec).empty())
    throw InputError(fmt::format("--seeds '{}' names no seed ({})", spec, kSpecForm));
  std::vector<std::uint64_t> seeds;
  std::set<std::uint64_t> seen;
  auto add = [&](std::uint64_t s) {
    if (!seen.insert(s).second)
      throw InputError(fmt::format("--seeds '{}': seed {} appears twice", spec, s));
    if (seeds.size() == kMaxSweepSeeds)
      throw InputError(fmt::format("--seeds '{}' gives more than {} seeds", spec, kMaxSweepSeeds));
    seeds.push_back(s);
  };
  std::size_t start = 0;
  while (true) {
    const auto comma = spec.find(',', start);
    const std::string item =
        trim(spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    const auto dots = item.find("..");
    if (dots == std::string::npos) {
      add(parse_seed(item, spec));
    } else {
      const std::uint64_t a = parse_seed(trim(item.substr(0, dots)), spec);
      const std::uint64_t b = parse_seed(trim(item.substr(dots + 2)), spec);
      if (b < a)
        throw InputError(fmt::format(
            "--seeds '{}': the range '{}' is empty (write the smaller seed first)", spec, item));
      // Checked before expanding: 0..18446744073709551615 must not be enumerated.
      if (b - a >= kMaxSweepSeeds)
        throw InputError(
            fmt::format("--seeds '{}' gives more than {} seeds", spec, kMaxSweepSeeds));
      for (std::uint64_t s = a;; ++s) {
        add(s);
        if (s == b) break;
      }
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return seeds;
}

std::string seeds_text(const std::vector<std::uint64_t>& seeds) {
  std::string s;
  for (std::size_t i = 0; i < seeds.size();) {
    std::size_t j = i;  // seeds[i..j] consecutive
    while (j + 1 < seeds.size() && seeds[j] != std::numeric_limits<std::uint64_t>::max() &&
           seeds[j + 1] == seeds[j] + 1)
      ++j;
    if (!s.empty()) s += ", ";
    if (j >= i + 2) {
      s += fmt::format("{}..{}", seeds[i], seeds[j]);
      i = j + 1;
    } else {
      s += fmt::format("{}", seeds[i]);
      ++i;
    }
  }
  return s;
}

std::string verdict_counts_text(const Stability& s) {
  std::string out;
  for (Verdict v :
       {Verdict::holds, Verdict::violated, Verdict::inconclusive, Verdict::skipped, Verdict::error})
    if (s.count(v) > 0)
      out += (out.empty() ? "" : ", ") + fmt::format("{} {}", to_string(v), s.count(v));
  return out;
}

SuiteResult merge_sweep(const std::vector<SeedRun>& runs) {
  if (runs.empty()) throw InputError("a seed sweep needs at least one seed");
  std::set<std::uint64_t> seen;
  for (const auto& run : runs)
    if (!seen.insert(run.seed).second)
      throw InputError(fmt::format("seed {} appears twice in the sweep", run.seed));

  SuiteResult out = runs.front().result;
  for (auto& t : out.theorems)
    for (auto& c : t.claims) c.stability = Stability{};
  json seeds = json::array(), codes = json::object();
  for (const auto& run : runs) {
    // Matched by position, and the ids checked: the runs differ only in the seed, so their claims
    // come in the same order; a mismatch is a sweep of different selections, which means nothing.
    auto differs = [&](const std::string& what) {
      return InputError(
          fmt::format("the runs of seeds {} and {} of the sweep hold different claims ({})",
                      runs.front().seed, run.seed, what));
    };
    const auto& theorems = run.result.theorems;
    if (theorems.size() != out.theorems.size())
      throw differs(fmt::format("{} theorems against {}", out.theorems.size(), theorems.size()));
    for (std::size_t i = 0; i < theorems.size(); ++i) {
      auto& mine = out.theorems[i];
      const auto& theirs = theorems[i];
      if (theirs.id != mine.id)
        throw differs(fmt::format("theorem {} against {}", mine.id, theirs.id));
      if (theirs.claims.size() != mine.claims.size())
        throw differs(fmt::format("{} claims of {} against {}", mine.claims.size(), mine.id,
                                  theirs.claims.size()));
      for (std::size_t j = 0; j < theirs.claims.size(); ++j) {
        const auto& c = theirs.claims[j];
        auto& m = mine.claims[j];
        if (c.id != m.id)
          throw differs(fmt::format("{}/{} against {}/{}", mine.id, m.id, theirs.id, c.id));
        auto& s = *m.stability;
        ++s.seeds;
        ++s.verdicts[c.verdict];
        if (c.as_expected())
          ++s.as_expected;
        else
          s.off_seeds.push_back(run.seed);
      }
    }
    seeds.push_back(run.seed);
    codes[std::to_string(run.seed)] = exit_code(run.result);
  }
  out.provenance["sweep"] = {{"seeds", seeds}, {"exit_codes", codes}};
  return out;
}

int worst_exit_code(int a, int b) {
  if (a == 1 || b == 1) return 1;
  if (a == 2 || b == 2) return 2;
  return std::max(a, b);
}

bool is_sweep(const SuiteResult& r) {
  return r.provenance.is_object() && r.provenance.contains("sweep");
}

namespace {

const json& sweep_field(const SuiteResult& r, const char* key) {
  const json& sweep = r.provenance["sweep"];
  if (!sweep.is_object() || !sweep.contains(key))
    throw InputError(fmt::format("malformed results: the provenance's sweep has no '{}'", key));
  return sweep[key];
}

}  // namespace

std::vector<std::uint64_t> sweep_seeds(const SuiteResult& r) {
  if (!is_sweep(r)) return {};
  const json& seeds = sweep_field(r, "seeds");
  std::vector<std::uint64_t> out;
  for (const auto& s : seeds) {
    if (!s.is_number_unsigned() && !(s.is_number_integer() && s.get<std::int64_t>() >= 0))
      throw InputError("malformed results: the sweep's seed " + s.dump() + " is not a seed");
    out.push_back(s.get<std::uint64_t>());
  }
  return out;
}

int sweep_exit_code(const SuiteResult& r) {
  if (!is_sweep(r)) return exit_code(r);
  int code = 0;
  for (const auto& [seed, c] : sweep_field(r, "exit_codes").items()) {
    if (!c.is_number_integer())
      throw InputError("malformed results: the sweep's exit code of seed " + seed + " is " +
                       c.dump());
    code = worst_exit_code(code, c.get<int>());
  }
  return code;
}

std::string sweep_summary(const SuiteResult& r) {
  if (!is_sweep(r)) return "";
  const auto seeds = sweep_seeds(r);
  std::vector<std::string> unstable;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims)
      if (c.stability && !c.stability->stable())
        unstable.push_back(fmt::format("{}/{} {}/{} ({})", t.id, c.id, c.stability->as_expected,
                                       c.stability->seeds, verdict_counts_text(*c.stability)));
  std::string s = fmt::format("Seed sweep: {} ({}); ", plural(seeds.size(), "seed", "seeds"),
                              seeds_text(seeds));
  if (unstable.empty()) return s + "0 claims unstable: every claim as expected in every seed.";
  s += plural(unstable.size(), "claim unstable", "claims unstable") +
       " (not as expected in at least one seed): ";
  for (std::size_t i = 0; i < unstable.size(); ++i) s += (i ? ", " : "") + unstable[i];
  return s;
}

}  // namespace thmcheck
