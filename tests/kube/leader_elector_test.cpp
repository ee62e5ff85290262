// LeaderElector against the API double: exactly one of two candidates leads; releasing hands over at once;
// a leader that vanishes without releasing is replaced after the lease expires.
#include <gtest/gtest.h>

#include <atomic>

#include "kube_test_support.hpp"
#include "operator/kube/leader_elector.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

using namespace std::chrono_literals;
using testing::DoubleFixture;
using testing::eventually;

struct Candidate {
  std::atomic<int> started{0};
  std::atomic<int> stopped{0};
  std::unique_ptr<LeaderElector> elector;
  Candidate(std::shared_ptr<RestClient> client, const std::string& identity, bool release_on_stop = true) {
    LeaderElectionConfig c;
    c.lease_namespace = "default";
    c.lease_name = "peregrine-operator-lock";
    c.identity = identity;
    c.lease_duration = 2s;
    c.renew_deadline = 1500ms;
    c.retry_period = 100ms;
    c.release_on_stop = release_on_stop;
    c.on_started_leading = [this] { ++started; };
    c.on_stopped_leading = [this] { ++stopped; };
    elector = std::make_unique<LeaderElector>(std::move(client), c);
  }
};

TEST(LeaderElector, OneLeadsAndReleaseHandsOver) {
  DoubleFixture f;
  Candidate a(f.client, "a");
  Candidate b(f.client, "b");
  a.elector->start();
  ASSERT_TRUE(eventually([&] { return a.elector->is_leader(); }));
  b.elector->start();
  ASSERT_TRUE(eventually([&] { return b.elector->observed_leader() == "a"; }));
  EXPECT_FALSE(b.elector->is_leader());
  ASSERT_TRUE(eventually([&] { return a.started.load() == 1; }));

  nlohmann::json lease = f.client->get(resources::kLeases, "default", "peregrine-operator-lock");
  EXPECT_EQ(lease["spec"]["holderIdentity"], "a");
  EXPECT_EQ(lease["spec"]["leaseDurationSeconds"], 2);

  a.elector->stop();
  EXPECT_EQ(a.stopped.load(), 1);
  ASSERT_TRUE(eventually([&] { return b.elector->is_leader(); }));
  lease = f.client->get(resources::kLeases, "default", "peregrine-operator-lock");
  EXPECT_EQ(lease["spec"]["holderIdentity"], "b");
  EXPECT_GE(lease["spec"]["leaseTransitions"].get<int>(), 1);
  b.elector->stop();
}

TEST(LeaderElector, ExpiredLeaseIsTakenOver) {
  DoubleFixture f;
  Candidate a(f.client, "a", /*release_on_stop=*/false);
  Candidate b(f.client, "b");
  a.elector->start();
  ASSERT_TRUE(eventually([&] { return a.elector->is_leader(); }));
  b.elector->start();
  ASSERT_TRUE(eventually([&] { return b.elector->observed_leader() == "a"; }));
  a.elector->stop();  // vanishes without releasing: b waits for the lease to expire
  ASSERT_TRUE(eventually([&] { return b.elector->is_leader() && b.started.load() == 1; }));
  b.elector->stop();
}

TEST(LeaderElector, NeverTwoLeadersAtOnce) {
  DoubleFixture f;
  Candidate a(f.client, "a");
  Candidate b(f.client, "b");
  a.elector->start();
  b.elector->start();
  ASSERT_TRUE(eventually([&] { return a.elector->is_leader() || b.elector->is_leader(); }));
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(a.elector->is_leader() && b.elector->is_leader());
    std::this_thread::sleep_for(10ms);
  }
  a.elector->stop();
  b.elector->stop();
}

TEST(LeaderElector, ValidatesConfiguration) {
  DoubleFixture f;
  LeaderElectionConfig c;
  c.lease_namespace = "default";
  c.lease_name = "x";
  c.identity = "me";
  c.lease_duration = 1s;
  c.renew_deadline = 2s;
  EXPECT_THROW(LeaderElector(f.client, c), std::invalid_argument);
  c.renew_deadline = 500ms;
  LeaderElector ok(f.client, c);
  EXPECT_TRUE(DeclaredApiCalls::global().contains({"update", "coordination.k8s.io", "leases", ""}));
}

}  // namespace
}  // namespace peregrine::kube
