// A thread of its own that runs posted jobs one at a time, in the order posted: the recorder
// hands it the writing of a run file so the simulation steps on while HDF5 writes (HDF5 calls
// stay one at a time, in the order they were made). A job that throws stops the queue: later
// jobs are dropped and the exception is rethrown, once, by the next post() or wait().
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace ecosim {

class SerialWorker {
 public:
  // post() waits while `max_pending` jobs wait to run: what the jobs hold stays bounded.
  // `on_start` runs first on the worker's thread (per-thread library settings).
  explicit SerialWorker(std::size_t max_pending, std::function<void()> on_start = {});
  // Runs the jobs still queued (a failure among them is dropped), then stops the thread.
  ~SerialWorker();
  SerialWorker(const SerialWorker&) = delete;
  SerialWorker& operator=(const SerialWorker&) = delete;

  void post(std::function<void()> job);
  // As post(), waiting while `max_pending` (fewer than the worker's own) jobs wait: for a run
  // of large jobs.
  void post(std::function<void()> job, std::size_t max_pending);
  // Returns once every job posted has run or been dropped; rethrows a job's exception.
  void wait();
  // CPU seconds the worker's thread has spent on jobs.
  double cpu_seconds() const;

 private:
  void run(std::function<void()> on_start);
  void rethrow_failure();  // with the lock held

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;
  std::size_t max_pending_;
  bool busy_ = false, stopping_ = false;
  std::exception_ptr failure_;
  double cpu_seconds_ = 0;
  std::thread thread_;  // last: started once every member above exists
};

}  // namespace ecosim
