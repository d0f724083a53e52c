// Gradient methods for asymmetric matrix factorization, f(X, Y) = 1/2 ||A - X Y^T||_F^2
// (docs/theory/matrix-factorization.md): alternating GD (Ward-Kolda: X first, then Y with the new
// X), simultaneous GD, and Nesterov's method (Xu-Wang-Zhao-Ward-Tao). One stepping interface with
// observers that see every iterate; steps reuse preallocated buffers (no allocation inside the
// loop). Every entry of a step's products (A - X Y^T, R Y, R^T X) is summed in the order of its
// inner index, whatever vector width the CPU offers, so the iterates have the same bits on every
// x86-64 (docs/performance.md, "Ordered products for the factor steps").
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <limits>
#include <string>

namespace thmcheck {

class FactorizationMethod {
 public:
  // A must outlive the method. Throws InputError for mismatched shapes or a non-positive eta.
  FactorizationMethod(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0, Eigen::MatrixXd Y0);
  virtual ~FactorizationMethod() = default;

  virtual void step() = 0;
  virtual std::string name() const = 0;

  const Eigen::MatrixXd& A() const { return *A_; }
  const Eigen::MatrixXd& X() const { return X_; }         // m x d
  const Eigen::MatrixXd& Y() const { return Y_; }         // n x d
  const Eigen::MatrixXd& residual() const { return R_; }  // A - X Y^T at the current iterate
  double loss() const { return 0.5 * R_.squaredNorm(); }  // f(X, Y)
  double eta() const { return eta_; }
  int iteration() const { return t_; }

 protected:
  void refresh_residual();  // R = A - X Y^T

  const Eigen::MatrixXd* A_;
  double eta_;
  Eigen::MatrixXd X_, Y_, R_;
  int t_ = 0;
};

// Ward-Kolda alternating GD:  X+ = X + eta (A - X Y^T) Y,  Y+ = Y + eta (A - X+ Y^T)^T X+.
class AlternatingGD : public FactorizationMethod {
 public:
  AlternatingGD(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0, Eigen::MatrixXd Y0);
  void step() override;
  std::string name() const override { return "agd"; }
  // A - X_{t+1} Y_t^T of the last step: the half-step residual of the recursion lemma.
  const Eigen::MatrixXd& half_residual() const { return H_; }

 private:
  Eigen::MatrixXd H_, GX_, GY_;
};

// Simultaneous GD: X+ = X + eta R Y, Y+ = Y + eta R^T X with R = A - X Y^T.
class SimultaneousGD : public FactorizationMethod {
 public:
  SimultaneousGD(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0, Eigen::MatrixXd Y0);
  void step() override;
  std::string name() const override { return "gd"; }

 private:
  Eigen::MatrixXd GX_, GY_;
};

// Nesterov: Xt = X + beta (X - X_prev), Yt = Y + beta (Y - Y_prev) (X_{-1} = X_0, Y_{-1} = Y_0),
// then a simultaneous GD step from (Xt, Yt). beta = 0 is SimultaneousGD exactly.
class NesterovFactorization : public FactorizationMethod {
 public:
  NesterovFactorization(const Eigen::MatrixXd& A, double eta, double beta, Eigen::MatrixXd X0,
                        Eigen::MatrixXd Y0);
  void step() override;
  std::string name() const override { return "nag"; }
  double beta() const { return beta_; }

 private:
  double beta_;
  Eigen::MatrixXd Xprev_, Yprev_, Xt_, Yt_, Rt_;
};

using FactorObserver = std::function<void(int t, const FactorizationMethod& m)>;

// Runs `iterations` steps, calling observe(0, m) first and observe(t, m) after step t.
void run(FactorizationMethod& m, int iterations, const FactorObserver& observe);

// The first t <= max_iterations with loss <= target_loss (0 when it holds at the start), or -1 when
// the budget ends first or the loss stops being finite (divergence).
int iterations_to(FactorizationMethod& m, double target_loss, int max_iterations);

// The asymptotic speed of a run, measured on its tail rather than by counting iterations from the
// start: the least-squares slope of log ||A - X_t Y_t^T||_F over the steps t from the first one
// with
// ||R_t||_F <= upper ||A||_F to the first one with ||R_t||_F <= lower ||A||_F (relative, not
// squared). Counting iterations to eps mixes the coefficient of log(1/eps) with the start-up
// transient and the initial weight of the slowest mode (docs/theory/matrix-factorization.md); the
// tail slope is that coefficient alone. For a linear rate ||R_t|| ~ rho^t the slope is log rho, and
// iterations_per_e() is -1/log rho: the iterations per factor e of accuracy, lim T(eps)/log(1/eps).
struct TailRate {
  int t_upper = -1, t_lower = -1;  // first passages of the two levels (-1: not reached)
  double slope = std::numeric_limits<double>::quiet_NaN();  // per-step d log ||R_t||_F / dt
  bool ok() const { return t_lower >= 0 && slope < 0; }
  double iterations_per_e() const {
    return ok() ? -1 / slope : std::numeric_limits<double>::infinity();
  }
};

// Runs m until ||R_t||_F <= lower ||A||_F (at most max_iterations steps); needs 0 < lower < upper.
// Not ok() when the budget ends first or the loss stops being finite.
TailRate tail_rate(FactorizationMethod& m, double upper, double lower, int max_iterations);

// The same fit for any iteration: `error()` is the current relative error, `step()` advances by
// one.
TailRate tail_rate(const std::function<double()>& error, const std::function<void()>& step,
                   double upper, double lower, int max_iterations);

// log f_t over t = 0..iterations (NaN once the loss is not finite), for loss curves.
Eigen::VectorXd loss_curve(FactorizationMethod& m, int iterations);

}  // namespace thmcheck
