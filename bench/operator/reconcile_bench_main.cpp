// peregrine_bench_operator: reconcile throughput and latency of the operator for N Jaeger CRs (default 1000)
// against the in-memory Kubernetes API double. Starts the double in this process, the operator as a child
// process (so its RSS is its own), creates the CRs, and watches them until every one reports status.phase
// Running. Prints the time to converge, CRs/s, per-CR latency percentiles (create → Running as seen by a
// watch), the operator's RSS (steady and peak), and the operator's API writes and reconcile counts from its
// /metrics. Afterwards it checks the steady state: a restart of the operator must make zero writes.
// Everything runs on loopback and stops by itself. Flags: --crs=N --workers=N --qps=Q --burst=B
// --strategy=allInOne|production --operator=PATH --timeout-seconds=S (--benchmark_* flags are ignored, so
// `make bench` can run it with the other peregrine_bench_* binaries).
#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "operator/kube/rest_client.hpp"
#include "tests/kube-apiserver-double/kube_api_double.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
namespace kube = peregrine::kube;

const kube::GroupVersionResource kJaegers{"jaegertracing.io", "v1", "jaegers", true};

struct Options {
  int crs = 1000;
  int workers = 4;
  double qps = 500;
  int burst = 1000;
  std::string strategy = "allInOne";
  std::string operator_path = PEREGRINE_BENCH_OPERATOR;
  int timeout_seconds = 600;
};

bool take(const std::string& arg, const char* name, std::string& value) {
  const std::string prefix = std::string("--") + name + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  value = arg.substr(prefix.size());
  return true;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string v;
    if (take(arg, "crs", v)) {
      o.crs = std::stoi(v);
    } else if (take(arg, "workers", v)) {
      o.workers = std::stoi(v);
    } else if (take(arg, "qps", v)) {
      o.qps = std::stod(v);
    } else if (take(arg, "burst", v)) {
      o.burst = std::stoi(v);
    } else if (take(arg, "strategy", v)) {
      o.strategy = v;
    } else if (take(arg, "operator", v)) {
      o.operator_path = v;
    } else if (take(arg, "timeout-seconds", v)) {
      o.timeout_seconds = std::stoi(v);
    } else if (arg.rfind("--benchmark_", 0) == 0) {
      // google-benchmark flags passed by scripts/run-bench.sh: not applicable.
    } else {
      std::fprintf(stderr, "unknown flag %s\n", arg.c_str());
      std::exit(2);
    }
  }
  return o;
}

// A child process with output to a log file.
struct Child {
  pid_t pid = -1;
  Child(const std::vector<std::string>& argv, const std::string& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
  }
  ~Child() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
    }
  }
};

// VmRSS / VmHWM of a process in KiB.
std::map<std::string, long> memory_kib(pid_t pid) {
  std::map<std::string, long> out;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    for (const char* key : {"VmRSS", "VmHWM"}) {
      if (line.rfind(key, 0) == 0) out[key] = std::stol(line.substr(line.find(':') + 1));
    }
  }
  return out;
}

std::optional<json> read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Sums the samples of a metric family in Prometheus text whose label text contains `filter`.
double metric_sum(const std::string& text, const std::string& name, const std::string& filter = "") {
  double total = 0;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name, 0) != 0) continue;
    const char next = line.size() > name.size() ? line[name.size()] : ' ';
    if (next != '{' && next != ' ') continue;
    if (!filter.empty() && line.find(filter) == std::string::npos) continue;
    total += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return total;
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// GET <base>/metrics (Prometheus text); "" when unreachable.
std::string scrape(const std::string& base) {
  std::string body;
  CURL* curl = curl_easy_init();
  const std::string url = base + "/metrics";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (curl_easy_perform(curl) != CURLE_OK) body.clear();
  curl_easy_cleanup(curl);
  return body;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5));
  return values[index];
}

json jaeger_cr(const std::string& name, const std::string& strategy) {
  json spec = {{"strategy", strategy}};
  if (strategy == "production") {
    spec["storage"] = {{"type", "elasticsearch"}, {"options", {{"es", {{"server-urls", "http://elasticsearch:9200"}}}}}};
  }
  return {{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  char pattern[] = "/tmp/peregrine-bench-operator-XXXXXX";
  const std::string dir = mkdtemp(pattern);

  peregrine::kubedouble::DoubleOptions double_options;
  double_options.preload_files.push_back(std::string(PEREGRINE_SOURCE_DIR) + "/crds/jaegertracing.io_jaegers.yaml");
  double_options.store.history_limit = 200000;  // keep watches resumable under the burst of writes
  peregrine::kubedouble::KubeApiDouble api(double_options);
  api.start();
  const std::string kubeconfig = dir + "/kubeconfig";
  std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\nclusters:\n- name: d\n  cluster:\n    server: " << api.url()
                            << "\ncontexts:\n- name: d\n  context:\n    cluster: d\n    user: u\n    namespace: default\n"
                               "users:\n- name: u\n  user: {}\ncurrent-context: d\n";

  kube::ClientConfig config;
  config.server = api.url();
  config.qps = 0;
  kube::RestClient client(config);

  auto start_operator = [&](const std::string& tag) {
    const std::string ports = dir + "/ports-" + tag + ".json";
    auto child = std::make_unique<Child>(
        std::vector<std::string>{options.operator_path, "run", "--kubeconfig", kubeconfig, "--ports-file", ports,
                                 "--webhook-bind-address=127.0.0.1:0",
                                 "--health-probe-bind-address=127.0.0.1:0", "--metrics-bind-address=127.0.0.1:0",
                                 "--workers=" + std::to_string(options.workers),
                                 "--kube-api-qps=" + std::to_string(options.qps),
                                 "--kube-api-burst=" + std::to_string(options.burst), "--log-level=warn"},
        dir + "/operator-" + tag + ".log");
    std::optional<json> port_json;
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (!(port_json = read_json_file(ports)) && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!port_json) {
      std::fprintf(stderr, "operator did not start (see %s/operator-%s.log)\n", dir.c_str(), tag.c_str());
      std::exit(1);
    }
    const std::string metrics_url = "http://127.0.0.1:" + std::to_string((*port_json)["metrics"].get<int>());
    return std::make_pair(std::move(child), metrics_url);
  };

  auto [op, metrics_url] = start_operator("first");

  // Watch CRs from the current resourceVersion and note when each first reports Running.
  std::mutex mutex;
  std::map<std::string, Clock::time_point> created_at;
  std::map<std::string, Clock::time_point> running_at;
  const std::string start_rv = client.list(kJaegers, "").resource_version;
  kube::StopSignal stop_watch;
  std::thread watcher([&] {
    std::string rv = start_rv;
    while (!stop_watch.stop_requested()) {
      try {
        kube::WatchOptions watch;
        watch.resource_version = rv;
        client.watch(kJaegers, "", watch, [&](const kube::WatchEvent& event) {
          const json& object = event.object;
          if (object.contains("metadata")) rv = object["metadata"].value("resourceVersion", rv);
          const bool running = object.contains("status") && object["status"].value("phase", "") == "Running";
          if (running) {
            std::lock_guard lock(mutex);
            running_at.emplace(object["metadata"].value("name", ""), Clock::now());
          }
          return true;
        }, &stop_watch);
      } catch (const std::exception& e) {
        if (!stop_watch.stop_requested()) std::fprintf(stderr, "watch: %s\n", e.what());
      }
    }
  });

  const auto began = Clock::now();
  for (int i = 0; i < options.crs; ++i) {
    const std::string name = "bench-" + std::to_string(i);
    client.create(kJaegers, "default", jaeger_cr(name, options.strategy));
    std::lock_guard lock(mutex);
    created_at[name] = Clock::now();
  }
  const auto created = Clock::now();

  const auto deadline = began + std::chrono::seconds(options.timeout_seconds);
  size_t done = 0;
  while (Clock::now() < deadline) {
    {
      std::lock_guard lock(mutex);
      done = running_at.size();
    }
    if (done >= static_cast<size_t>(options.crs)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto converged = Clock::now();
  stop_watch.request_stop();
  watcher.join();
  if (done < static_cast<size_t>(options.crs)) {
    std::fprintf(stderr, "only %zu of %d CRs reached Running within %d s\n", done, options.crs, options.timeout_seconds);
    return 1;
  }

  std::vector<double> latencies;
  for (const auto& [name, at] : running_at) {
    const auto c = created_at.find(name);
    if (c != created_at.end()) latencies.push_back(std::chrono::duration<double>(at - c->second).count());
  }
  const std::string metrics = scrape(metrics_url);
  const auto memory = memory_kib(op->pid);
  const double total_s = std::chrono::duration<double>(converged - began).count();
  const double create_s = std::chrono::duration<double>(created - began).count();
  const uint64_t objects = static_cast<uint64_t>(api.store().object_count());

  // Steady state: let the first operator finish, then a restarted operator must not write anything.
  const auto settle_deadline = Clock::now() + std::chrono::seconds(60);
  uint64_t writes_seen = api.stats().writes();
  int quiet = 0;
  while (quiet < 25 && Clock::now() < settle_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    const uint64_t now = api.stats().writes();
    quiet = now == writes_seen ? quiet + 1 : 0;
    writes_seen = now;
  }
  op->stop();
  const uint64_t writes_before_restart = api.stats().writes();
  auto [restarted, restarted_metrics] = start_operator("restart");
  const auto restart_began = Clock::now();
  double reconciled_after_restart = 0;
  while (Clock::now() < restart_began + std::chrono::seconds(120)) {
    const std::string text = scrape(restarted_metrics);
    reconciled_after_restart = metric_sum(text, "controller_runtime_reconcile_total");
    if (reconciled_after_restart >= options.crs && metric_sum(text, "workqueue_depth") == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double restart_s = std::chrono::duration<double>(Clock::now() - restart_began).count();
  const uint64_t writes_after_restart = api.stats().writes() - writes_before_restart;
  restarted->stop();
  api.stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);

  std::printf("peregrine_bench_operator: %d Jaeger CRs (strategy %s), %d workers, client qps %.0f / burst %d\n",
              options.crs, options.strategy.c_str(), options.workers, options.qps, options.burst);
  std::printf("  CR creation (bench client)        %.2f s\n", create_s);
  std::printf("  time until all CRs Running        %.2f s  (%.1f CRs/s)\n", total_s, options.crs / total_s);
  std::printf("  per-CR latency create → Running   p50 %.3f s  p99 %.3f s  max %.3f s\n", percentile(latencies, 0.50),
              percentile(latencies, 0.99), percentile(latencies, 1.0));
  std::printf("  objects in the API double         %llu (incl. events)\n", static_cast<unsigned long long>(objects));
  std::printf("  operator API writes               %.0f (create %.0f, update %.0f, delete %.0f); reconciles %.0f\n",
              metric_sum(metrics, "peregrine_operator_api_writes_total"),
              metric_sum(metrics, "peregrine_operator_api_writes_total", "verb=\"create\""),
              metric_sum(metrics, "peregrine_operator_api_writes_total", "verb=\"update\""),
              metric_sum(metrics, "peregrine_operator_api_writes_total", "verb=\"delete\""),
              metric_sum(metrics, "controller_runtime_reconcile_total"));
  std::printf("  reconcile time (mean)             %.2f ms\n",
              1000 * metric_sum(metrics, "controller_runtime_reconcile_time_seconds_sum") /
                  std::max(1.0, metric_sum(metrics, "controller_runtime_reconcile_time_seconds_count")));
  const double rss_mib = memory.count("VmRSS") ? memory.at("VmRSS") / 1024.0 : 0.0;
  const double peak_mib = memory.count("VmHWM") ? memory.at("VmHWM") / 1024.0 : 0.0;
  std::printf("  operator RSS                      %.1f MiB at convergence, peak (VmHWM) %.1f MiB\n", rss_mib, peak_mib);
  std::printf("  restart: %0.f reconciles in %.2f s, API writes %llu\n", reconciled_after_restart, restart_s,
              static_cast<unsigned long long>(writes_after_restart));
  std::printf("RESULT crs=%d seconds=%.3f crs_per_second=%.1f p50_s=%.3f p99_s=%.3f rss_mib=%.1f peak_rss_mib=%.1f restart_writes=%llu\n",
              options.crs, total_s, options.crs / total_s, percentile(latencies, 0.50), percentile(latencies, 0.99),
              rss_mib, peak_mib, static_cast<unsigned long long>(writes_after_restart));
  return writes_after_restart == 0 ? 0 : 1;
}
