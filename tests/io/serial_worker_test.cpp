#include "io/serial_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ecosim {
namespace {

TEST(SerialWorker, RunsJobsOneAtATimeInTheOrderPosted) {
  std::vector<int> order;  // touched by the worker only, read after wait()
  std::atomic<int> running{0}, most{0};
  {
    SerialWorker worker(4);
    for (int k = 0; k < 100; ++k)
      worker.post([&, k] {
        most = std::max(most.load(), ++running);
        order.push_back(k);
        --running;
      });
    worker.wait();
    ASSERT_EQ(order.size(), 100u);
    for (int k = 0; k < 100; ++k) EXPECT_EQ(order[static_cast<std::size_t>(k)], k);
    EXPECT_EQ(most.load(), 1);
  }
}

TEST(SerialWorker, RunsOnAThreadOfItsOwnAfterItsStart) {
  const std::thread::id caller = std::this_thread::get_id();
  std::thread::id started, ran;
  SerialWorker worker(1, [&] { started = std::this_thread::get_id(); });
  worker.post([&] { ran = std::this_thread::get_id(); });
  worker.wait();
  EXPECT_NE(ran, caller);
  EXPECT_EQ(ran, started) << "on_start runs on the worker's thread";
}

TEST(SerialWorker, AFailureDropsTheLaterJobsAndIsThrownOnce) {
  SerialWorker worker(8);
  std::atomic<int> ran{0};
  int thrown = 0;
  const auto counting = [&](auto&& call) {
    try {
      call();
    } catch (const std::runtime_error& e) {
      ++thrown;
      EXPECT_STREQ(e.what(), "disk full");
    }
  };
  std::atomic<bool> queued{false};
  worker.post([&] {
    while (!queued) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    throw std::runtime_error("disk full");
  });
  for (int k = 0; k < 3; ++k) counting([&] { worker.post([&] { ++ran; }); });
  queued = true;  // three jobs wait behind the one that fails
  counting([&] { worker.wait(); });
  counting([&] { worker.wait(); });
  counting([&] { worker.post([&] { ++ran; }); });
  worker.wait();
  EXPECT_EQ(thrown, 1);
  EXPECT_EQ(ran.load(), 1) << "the three behind the failure are dropped; once it is reported, "
                              "the queue runs again";
}

TEST(SerialWorker, PostWaitsWhileTheQueueIsFull) {
  std::atomic<bool> release{false};
  std::atomic<int> posted{0};
  SerialWorker worker(2);
  worker.post([&] {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  std::thread poster([&] {
    for (int k = 0; k < 4; ++k) {
      worker.post([] {});
      ++posted;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_LE(posted.load(), 2) << "at most max_pending jobs wait";
  release = true;
  poster.join();
  worker.wait();
  EXPECT_EQ(posted.load(), 4);
}

// Holds the worker busy until released; returns once the worker runs it, so that nothing of
// it is left in the queue.
void occupy(SerialWorker& worker, std::atomic<bool>& release) {
  std::atomic<bool> started{false};
  worker.post([&release, &started] {
    started = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Waits until `count` reaches `value`, then a little more: it must stay there.
void reaches_and_stays(const std::atomic<int>& count, int value, const char* why) {
  for (int k = 0; k < 10'000 && count < value; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(count.load(), value) << why;
}

// With the worker busy, `posts` posts that each allow `max_pending` waiting jobs: `waiting`
// get in, the rest wait until the worker is free, then all get in.
void post_while_busy(SerialWorker& worker, int posts, std::size_t max_pending, int waiting,
                     const char* why) {
  std::atomic<bool> release{false};
  std::atomic<int> posted{0};
  occupy(worker, release);
  std::thread poster([&] {
    for (int k = 0; k < posts; ++k) {
      worker.post([] {}, max_pending);
      ++posted;
    }
  });
  reaches_and_stays(posted, waiting, why);
  release = true;
  poster.join();
  worker.wait();
  EXPECT_EQ(posted.load(), posts);
}

TEST(SerialWorker, APostMayAskForAShorterQueueButNeverALongerOne) {
  SerialWorker worker(3);
  post_while_busy(worker, 3, 1, 1, "one job waits, so a second post that allows one waits");
  post_while_busy(worker, 5, 100, 3,
                  "the worker's own bound (3) holds for a post that allows more");
}

TEST(SerialWorker, TheDestructorRunsWhatIsQueuedAndCountsItsCpuTime) {
  std::atomic<int> ran{0};
  double cpu = 0;
  {
    SerialWorker worker(16);
    worker.post([] {
      volatile double x = 0;
      for (int k = 0; k < 2'000'000; ++k) x = x + k;
    });
    worker.wait();
    cpu = worker.cpu_seconds();
    for (int k = 0; k < 10; ++k) worker.post([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 10);
  EXPECT_GT(cpu, 0.0);
}

}  // namespace
}  // namespace ecosim
