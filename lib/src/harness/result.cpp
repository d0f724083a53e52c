#include "thmcheck/harness/result.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

using nlohmann::json;

namespace {

// JSON has no inf or NaN: they are written as strings and read back.
json num(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

double from_num(const json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    auto s = j.get<std::string>();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

bool ClaimResult::as_expected() const {
  if (expected == Verdict::violated) return verdict == Verdict::violated;
  return verdict == Verdict::holds || verdict == Verdict::skipped;
}

std::uint64_t Stability::count(Verdict v) const {
  auto it = verdicts.find(v);
  return it == verdicts.end() ? 0 : it->second;
}

double SuiteResult::total_alpha() const {
  double a = 0;
  for (const auto& t : theorems)
    for (const auto& c : t.claims) a += c.alpha;
  return a;
}

namespace {

json to_json(const Stability& s) {
  // Every verdict is written, 0 for those no seed gave, so a reader finds each key.
  json verdicts = json::object();
  for (Verdict v :
       {Verdict::holds, Verdict::violated, Verdict::inconclusive, Verdict::skipped, Verdict::error})
    verdicts[to_string(v)] = s.count(v);
  return json{{"seeds", s.seeds},
              {"as_expected", s.as_expected},
              {"verdicts", verdicts},
              {"off_seeds", s.off_seeds}};
}

Stability stability_from_json(const json& j) {
  Stability s;
  s.seeds = json_uint64(j.at("seeds"), "stability seeds");
  s.as_expected = json_uint64(j.at("as_expected"), "stability as_expected");
  for (const auto& [name, n] : j.at("verdicts").items())
    if (const auto count = json_uint64(n, "stability count of " + name); count > 0)
      s.verdicts[parse_verdict(name)] = count;
  for (const auto& seed : j.at("off_seeds")) s.off_seeds.push_back(json_uint64(seed, "off seed"));
  return s;
}

}  // namespace

json to_json(const ClaimResult& r) {
  json j{{"id", r.id},
         {"kind", to_string(r.kind)},
         {"control", r.control},
         {"verdict", to_string(r.verdict)},
         {"estimate", num(r.estimate)},
         {"interval", json::array({num(r.interval[0]), num(r.interval[1])})},
         {"bound", num(r.bound)},
         {"margin", num(r.margin)},
         {"samples", r.samples},
         {"seed", r.seed},
         {"seconds", r.seconds},
         {"alpha", r.alpha},
         {"rests_on", r.rests_on},
         {"expected", to_string(r.expected)},
         {"expected_reason", r.expected_reason},
         {"details", r.details}};
  if (r.stability)
    j["stability"] = to_json(*r.stability);  // absent, not null: files of single runs are unchanged
  return j;
}

json to_json(const TheoremResult& r) {
  json claims = json::array();
  for (const auto& c : r.claims) claims.push_back(to_json(c));
  return json{{"id", r.id},
              {"title", r.title},
              {"source", r.source},
              {"statement", r.statement},
              {"reading", r.reading},
              {"hypotheses", r.hypotheses},
              {"parameters", r.parameters},
              {"quick_budget_seconds", r.quick_budget_seconds},
              {"seconds", r.seconds},
              {"claims", claims}};
}

json to_json(const SuiteResult& r) {
  json th = json::array();
  for (const auto& t : r.theorems) th.push_back(to_json(t));
  json j{{"schema", kResultsSchema}, {"provenance", r.provenance}, {"theorems", th}};
  if (r.partial()) {  // absent from a complete run's file, which is unchanged
    j["partial"] = true;
    j["missing"] = r.missing;
  }
  return j;
}

std::uint64_t json_uint64(const json& v, const std::string& what) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(v.get<std::int64_t>());
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d >= 0 && d < 18446744073709551616.0 && d == std::floor(d))
      return static_cast<std::uint64_t>(d);
  }
  throw InputError(what + " must be an integer from 0 to 2^64 - 1, not " + v.dump());
}

ClaimResult claim_result_from_json(const json& j) {
  ClaimResult r;
  r.id = j.at("id").get<std::string>();
  r.kind = parse_claim_kind(j.at("kind").get<std::string>());
  r.control = j.at("control").get<bool>();
  r.verdict = parse_verdict(j.at("verdict").get<std::string>());
  r.estimate = from_num(j.at("estimate"));
  r.interval[0] = from_num(j.at("interval").at(0));
  r.interval[1] = from_num(j.at("interval").at(1));
  r.bound = from_num(j.at("bound"));
  r.margin = from_num(j.at("margin"));
  r.samples = json_uint64(j.at("samples"), "claim '" + r.id + "': samples");
  r.seed = json_uint64(j.at("seed"), "claim '" + r.id + "': seed");
  r.seconds = j.at("seconds").get<double>();
  r.alpha = j.value("alpha", 0.0);
  r.rests_on = j.value("rests_on", std::vector<std::string>{});
  r.expected = parse_verdict(j.value("expected", std::string("holds")));
  r.expected_reason = j.value("expected_reason", std::string());
  r.details = j.value("details", json::object());
  if (!r.details.is_object())
    throw InputError("claim '" + r.id + "': details must be an object, not " + r.details.dump());
  if (j.contains("stability")) r.stability = stability_from_json(j.at("stability"));
  return r;
}

TheoremResult theorem_result_from_json(const json& j) {
  TheoremResult t;
  t.id = j.at("id").get<std::string>();
  t.title = j.value("title", std::string());
  t.source = j.value("source", json::object());
  t.statement = j.value("statement", std::string());
  t.reading = j.value("reading", std::string());
  t.hypotheses = j.value("hypotheses", std::string());
  t.parameters = j.value("parameters", json::object());
  t.quick_budget_seconds = j.value("quick_budget_seconds", 0.0);
  t.seconds = j.value("seconds", 0.0);
  for (const auto& c : j.at("claims")) t.claims.push_back(claim_result_from_json(c));
  return t;
}

SuiteResult suite_result_from_json(const json& j) {
  if (!j.is_object() || j.value("schema", std::string()) != kResultsSchema)
    throw InputError(std::string("not a results file of schema ") + kResultsSchema);
  SuiteResult s;
  s.provenance = j.value("provenance", json::object());
  // The fields readers take as typed values: a wrong type is a malformed file, said here.
  if (!s.provenance.is_object())
    throw InputError("malformed results file: provenance is not an object");
  for (const char* k :
       {"version", "commit", "compiler", "flags", "tier", "shard", "controls", "date", "host"})
    if (s.provenance.contains(k) && !s.provenance[k].is_string())
      throw InputError(fmt::format("malformed results file: provenance {} is {}, not a string", k,
                                   s.provenance[k].dump()));
  if (s.provenance.contains("seed") && !s.provenance["seed"].is_number_unsigned())
    throw InputError(fmt::format("malformed results file: provenance seed is {}, not a seed",
                                 s.provenance["seed"].dump()));
  try {
    for (const auto& t : j.at("theorems")) s.theorems.push_back(theorem_result_from_json(t));
    if (j.contains("missing")) s.missing = j.at("missing").get<std::vector<std::string>>();
    if (j.value("partial", false) && s.missing.empty())
      throw InputError("a partial results file that names no missing claim");
  } catch (const json::exception& e) {
    throw InputError(std::string("malformed results file: ") + e.what());
  }
  return s;
}

json strip_timings(json j) {
  if (j.contains("provenance")) {
    for (const char* k : {"date", "host", "jobs", "seconds", "shard"}) j["provenance"].erase(k);
  }
  if (j.contains("theorems"))
    for (auto& t : j["theorems"]) {
      t.erase("seconds");
      for (auto& c : t["claims"]) {
        c.erase("seconds");
        if (c.contains("details")) {
          c["details"].erase("seconds_per_trial");
          if (c["details"].contains("search") && c["details"]["search"].is_object())
            c["details"]["search"].erase("seconds");
        }
      }
    }
  return j;
}

}  // namespace thmcheck
