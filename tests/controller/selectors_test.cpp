// Checks the renderers' promise the controller relies on: user labels never reach immutable selectors
// (Deployment/DaemonSet spec.selector, Service selectors), so adding a label to a CR is an ordinary update.
#include <gtest/gtest.h>

#include "tests/controller/server_simulation.hpp"

namespace peregrine::controller {
namespace {

TEST(RenderedSelectors, HoldNoUserLabels) {
  const Json labels = {{"team", "observability"}, {"cost-center", "42"}};
  for (const Json& spec : {Json{{"labels", labels}},
                           Json{{"strategy", "production"},
                                {"labels", labels},
                                {"collector", {{"labels", labels}}},
                                {"agent", {{"strategy", "DaemonSet"}, {"labels", labels}}},
                                {"storage", {{"type", "elasticsearch"},
                                             {"options", {{"es", {{"server-urls", "http://es:9200"}}}}}}}}}) {
    int selectors = 0;
    for (const auto& object : testing::render_or_fail(testing::jaeger_cr("j", spec))) {
      const std::string kind = object.value("kind", "");
      Json selector;
      if (kind == "Deployment" || kind == "DaemonSet") selector = object["spec"]["selector"]["matchLabels"];
      if (kind == "Service") selector = object["spec"]["selector"];
      if (!selector.is_object()) continue;
      ++selectors;
      for (const auto& [key, value] : labels.items()) {
        EXPECT_FALSE(selector.contains(key)) << kind << " " << object["metadata"]["name"] << " selects on " << key;
      }
    }
    EXPECT_GT(selectors, 3);
  }
}

TEST(RenderedSelectors, UserLabelsChangeOnlyMutableFields) {
  const Json storage = {{"type", "elasticsearch"}, {"options", {{"es", {{"server-urls", "http://es:9200"}}}}}};
  const auto plain = testing::render_or_fail(testing::jaeger_cr("j", Json{{"strategy", "production"}, {"storage", storage}}));
  const auto labelled = testing::render_or_fail(testing::jaeger_cr(
      "j", Json{{"strategy", "production"}, {"storage", storage}, {"labels", {{"team", "a"}}}}));
  ASSERT_EQ(plain.size(), labelled.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    if (plain[i].value("kind", "") != "Deployment") continue;
    EXPECT_EQ(plain[i]["spec"]["selector"], labelled[i]["spec"]["selector"]);
  }
}

}  // namespace
}  // namespace peregrine::controller
