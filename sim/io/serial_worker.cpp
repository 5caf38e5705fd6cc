#include "io/serial_worker.hpp"

#include <time.h>

#include <algorithm>
#include <utility>

namespace ecosim {
namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

SerialWorker::SerialWorker(std::size_t max_pending, std::function<void()> on_start)
    : max_pending_(std::max<std::size_t>(1, max_pending)),
      thread_([this, start = std::move(on_start)]() mutable { run(std::move(start)); }) {}

SerialWorker::~SerialWorker() {
  {
    std::unique_lock lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void SerialWorker::post(std::function<void()> job) { post(std::move(job), max_pending_); }

void SerialWorker::post(std::function<void()> job, std::size_t max_pending) {
  const std::size_t most = std::clamp<std::size_t>(max_pending, 1, max_pending_);
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.size() < most || failure_; });
  rethrow_failure();
  jobs_.push_back(std::move(job));
  changed_.notify_all();
}

void SerialWorker::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.empty() && !busy_; });
  rethrow_failure();
}

double SerialWorker::cpu_seconds() const {
  std::unique_lock lock(mutex_);
  return cpu_seconds_;
}

void SerialWorker::rethrow_failure() {
  if (!failure_) return;
  std::exception_ptr failure = std::exchange(failure_, nullptr);
  std::rethrow_exception(failure);
}

void SerialWorker::run(std::function<void()> on_start) {
  if (on_start) on_start();
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
    if (jobs_.empty()) return;  // stopping, nothing left
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    if (failure_) {  // the queue stopped at a failure: later jobs are dropped
      changed_.notify_all();
      continue;
    }
    busy_ = true;
    lock.unlock();
    const double before = thread_cpu_seconds();
    std::exception_ptr failure;
    try {
      job();
    } catch (...) {
      failure = std::current_exception();
    }
    const double spent = thread_cpu_seconds() - before;
    lock.lock();
    busy_ = false;
    cpu_seconds_ += spent;
    if (failure && !failure_) failure_ = failure;
    changed_.notify_all();
  }
}

}  // namespace ecosim
