#include "thmcheck/problems/objective.hpp"

#include <stdexcept>

namespace thmcheck {

void Objective::hessian_vector(const Eigen::VectorXd&, const Eigen::VectorXd&,
                               Eigen::VectorXd&) const {
  throw std::logic_error("this objective has no Hessian-vector product");
}

void Objective::stochastic_gradient(Eigen::Index, const Eigen::VectorXd&, Eigen::VectorXd&) const {
  throw std::logic_error("this objective is not a finite sum: it has no stochastic gradient");
}

}  // namespace thmcheck
