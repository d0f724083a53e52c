#include "thmcheck/harness/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/sweep.hpp"

namespace thmcheck {

using nlohmann::json;

SuiteOrder registry_order() {
  SuiteOrder order;
  auto& reg = Registry::global();
  for (const auto& id : reg.ids()) {
    Theorem t = reg.make(id);
    std::vector<std::string> claims;
    for (const auto& c : t.claims) claims.push_back(c.id());
    order.emplace_back(id, std::move(claims));
  }
  return order;
}

ResultsPart read_results_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read results file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_results_text(ss.str(), path);
}

ResultsPart parse_results_text(const std::string& text, const std::string& path) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw InputError("results file '" + path + "' is not JSON: " + e.what());
  }
  try {
    return {path, suite_result_from_json(j)};
  } catch (const InputError& e) {
    throw InputError("results file '" + path + "': " + e.what());
  } catch (
      const std::exception& e) {  // a malformed claim: an unknown kind or verdict, a missing field
    throw InputError("results file '" + path + "' is malformed: " + e.what());
  }
}

namespace {

// What must agree between the parts of one run.
const char* const kSameRun[] = {"version", "commit", "compiler", "flags",
                                "tier",    "seed",   "controls"};

std::pair<int, int> shard_of(const ResultsPart& p) {
  const std::string s = p.result.provenance.value("shard", std::string("0/1"));
  int i = 0, n = 1;
  if (std::sscanf(s.c_str(), "%d/%d", &i, &n) != 2 || n < 1 || i < 0 || i >= n)
    throw InputError(fmt::format("results file '{}': provenance shard '{}' is not I/N", p.name, s));
  return {i, n};
}

std::string sweep_text(const SuiteResult& r) {
  return is_sweep(r) ? "a sweep of seeds " + seeds_text(sweep_seeds(r)) : "no sweep";
}

// The theorem's own fields (not its claims) as JSON, to check that the parts describe the same
// theorem.
json theorem_header(const TheoremResult& t) {
  json j = to_json(t);
  j.erase("claims");
  j.erase("seconds");  // time spent in this part of the run
  return j;
}

}  // namespace

SuiteResult merge_results(const std::vector<ResultsPart>& parts, const SuiteOrder& order) {
  if (parts.empty()) throw InputError("no results files to merge");
  const json& first = parts.front().result.provenance;
  for (const auto& p : parts)
    for (const char* k : kSameRun)
      if (p.result.provenance.value(k, json()) != first.value(k, json()))
        throw InputError(
            fmt::format("results file '{}' is from another run than '{}': {} {} against {}", p.name,
                        parts.front().name, k, p.result.provenance.value(k, json()).dump(),
                        first.value(k, json()).dump()));
  // The shards of a sweep (verify --seeds with --shard) ran the same seeds.
  for (const auto& p : parts)
    if (sweep_text(p.result) != sweep_text(parts.front().result))
      throw InputError(fmt::format("results file '{}' is from another run than '{}': {} against {}",
                                   p.name, parts.front().name, sweep_text(p.result),
                                   sweep_text(parts.front().result)));

  // Shards of N: each index once. Unsharded parts (0/1) merge as disjoint pieces.
  const int n = shard_of(parts.front()).second;
  std::map<int, std::string> seen;
  for (const auto& p : parts) {
    auto [i, m] = shard_of(p);
    if (m != n)
      throw InputError(fmt::format("results file '{}' is shard {}/{}, but '{}' is a shard of {}",
                                   p.name, i, m, parts.front().name, n));
    if (n > 1 && !seen.emplace(i, p.name).second)
      throw InputError(
          fmt::format("results files '{}' and '{}' are both shard {}/{}", seen[i], p.name, i, n));
  }
  if (n > 1 && int(seen.size()) != n) {
    std::string missing;
    for (int i = 0; i < n; ++i)
      if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + fmt::format("{}/{}", i, n);
    throw InputError("shards missing from the results files: " + missing);
  }

  // Gather theorems (first appearance wins their header) and claims, refusing duplicates.
  std::vector<std::string> theorem_seen;
  std::map<std::string, TheoremResult> theorems;
  std::map<std::string, std::string> header_from;
  std::map<std::string, std::map<std::string, std::string>> claim_from;
  std::map<std::string, double> seconds;  // a theorem's time, summed over the parts
  for (const auto& p : parts)
    for (const auto& t : p.result.theorems) {
      const json tj = to_json(t);
      if (tj.contains("seconds") && tj["seconds"].is_number())
        seconds[t.id] += tj["seconds"].get<double>();
      auto [it, fresh] = theorems.try_emplace(t.id);
      if (fresh) {
        theorem_seen.push_back(t.id);
        it->second = t;
        it->second.claims.clear();
        header_from[t.id] = p.name;
      } else if (theorem_header(it->second) != theorem_header(t)) {
        throw InputError(fmt::format(
            "results files '{}' and '{}' describe theorem '{}' differently (title, source, "
            "statement, hypotheses or parameters)",
            header_from[t.id], p.name, t.id));
      }
      for (const auto& c : t.claims) {
        auto [cit, cfresh] = claim_from[t.id].emplace(c.id, p.name);
        if (!cfresh)
          throw InputError(fmt::format("claim {}/{} appears in both '{}' and '{}'", t.id, c.id,
                                       cit->second, p.name));
        it->second.claims.push_back(c);
      }
    }

  // Registry order first, then whatever the registry does not know, in order of appearance.
  std::vector<std::string> ids;
  std::map<std::string, const std::vector<std::string>*> claim_order;
  for (const auto& [id, claims] : order) {
    claim_order[id] = &claims;
    if (theorems.count(id)) ids.push_back(id);
  }
  for (const auto& id : theorem_seen)
    if (!claim_order.count(id)) ids.push_back(id);

  SuiteResult out;
  out.provenance = first;
  for (const auto& p : parts)  // the claims an interrupted part never decided
    for (const auto& m : p.result.missing)
      if (std::find(out.missing.begin(), out.missing.end(), m) == out.missing.end())
        out.missing.push_back(m);
  // The merged run's provenance: shards listed, hosts and dates gathered, the latest date kept.
  std::string shards, hosts, date = first.value("date", std::string());
  std::set<std::string> host_set;
  for (const auto& p : parts) {
    const auto& pv = p.result.provenance;
    // Appended piece by piece: `"+" + std::string&&` trips GCC 12's -Wrestrict (a false positive).
    if (!shards.empty()) shards += '+';
    shards += pv.value("shard", std::string("0/1"));
    if (host_set.insert(pv.value("host", std::string())).second) {
      if (!hosts.empty()) hosts += ',';
      hosts += pv.value("host", std::string());
    }
    date = std::max(date, pv.value("date", std::string()));
  }
  if (parts.size() > 1 && is_sweep(parts.front().result)) {
    // Each part ran its shard under every seed: a seed's run of the whole suite exits as its worst
    // shard.
    json& codes = out.provenance["sweep"]["exit_codes"];
    for (const auto& p : parts) {
      const json part_codes = p.result.provenance["sweep"].value("exit_codes", json::object());
      for (const auto& [seed, code] : part_codes.items())
        if (code.is_number_integer())
          codes[seed] = worst_exit_code(codes.value(seed, 0), code.get<int>());
    }
  }
  if (parts.size() > 1) {
    out.provenance["shard"] = "merged " + shards;
    out.provenance["host"] = hosts;
    out.provenance["date"] = date;
  }
  for (const auto& id : ids) {
    TheoremResult t = std::move(theorems[id]);
    auto co = claim_order.find(id);
    if (co != claim_order.end()) {
      const auto& want = *co->second;
      auto rank = [&](const ClaimResult& c) {
        auto it = std::find(want.begin(), want.end(), c.id);
        return it == want.end() ? want.size() : std::size_t(it - want.begin());
      };
      std::stable_sort(
          t.claims.begin(), t.claims.end(),
          [&](const ClaimResult& a, const ClaimResult& b) { return rank(a) < rank(b); });
    }
    if (seconds.count(id)) {  // through JSON, so this works whichever timing fields the result has
      json tj = to_json(t);
      tj["seconds"] = seconds[id];
      t = theorem_result_from_json(tj);
    }
    out.theorems.push_back(std::move(t));
  }
  return out;
}

}  // namespace thmcheck
