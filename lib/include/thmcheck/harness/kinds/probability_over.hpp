// Over whom a claim's probability is taken. A theorem that says "for every instance, with
// probability at least 1 - delta over the method's randomness" is tested each_instance: every
// instance gets its own intervals (alpha also split over the instances) and one failing instance
// refutes the claim. pooled tests the rate averaged over instances drawn from the hypotheses: a
// pooled refutation still refutes the every-instance statement (an average above delta needs an
// instance above it), but a pooled "holds" only says that the average is fine, which needs fewer
// trials.
#pragma once

namespace thmcheck {

enum class ProbabilityOver { pooled, each_instance };

}  // namespace thmcheck
