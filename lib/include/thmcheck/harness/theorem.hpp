// A Theorem, written once in theorems/<id>.cpp in the words of its paper: source, statement,
// hypotheses, parameters and claims (with their falsified controls).
#pragma once

#include <string>
#include <vector>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/hypotheses.hpp"
#include "thmcheck/harness/parameters.hpp"

namespace thmcheck {

struct Source {
  std::string authors;
  std::string title;
  std::string venue;
  int year = 0;
  std::string number;  // "Theorem 3.1", where known
  std::string link;    // arXiv id or DOI
};

struct Theorem {
  std::string id;  // kebab-case
  std::string title;
  Source source;
  std::string statement;  // markdown with $...$ math
  // Optional, markdown: how to read its verdicts together (which claim is the theorem as proved,
  // which a stronger reading, what a finding contradicts). The report prints it under the outcome.
  std::string reading;
  Hypotheses hypotheses;
  Parameters parameters;
  std::vector<Claim> claims;
  // What the whole quick tier of this theorem may take on one core, in seconds: the quick tier of
  // every theorem together must fit CI. The runner reports the time against it; the registry
  // validation test requires it to be set.
  double quick_budget_seconds = 0;

  Claim& add(Claim c) { return claims.emplace_back(std::move(c)); }
  const Claim* find(const std::string& claim_id) const;
};

bool is_kebab_case(const std::string& id);

}  // namespace thmcheck
