// Tests for init_logging: Jaeger level names map to spdlog levels; unknown names are rejected.
#include "backend/common/logging.hpp"

#include <gtest/gtest.h>

namespace peregrine::common {
namespace {

TEST(Logging, LevelsFromJaegerNames) {
  init_logging("debug");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::debug);
  init_logging("WARN");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::warn);
  init_logging("fatal");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::critical);
  init_logging("info");
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::info);
  EXPECT_THROW(init_logging("verbose"), std::invalid_argument);
}

}  // namespace
}  // namespace peregrine::common
