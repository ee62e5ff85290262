# Peregrine developer entry points. `make run` and `make test` work from a fresh Debian 12 machine as root.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# Share ccache hits across build directories and clones.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

ifeq ($(CI),true)
  CMAKE_FLAGS += -DPEREGRINE_WERROR=ON
endif

.PHONY: all deps configure build run test bench clean npm-deps

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# npm packages used only by interop / browser tests (real client libraries).
npm-deps: deps
	@./scripts/install-npm-deps.sh

# Builds only what it runs, then starts the all-in-one on the standard Jaeger ports (memory storage).
run: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target peregrine-all-in-one
	./$(BUILD_DIR)/bin/peregrine-all-in-one

test: build npm-deps
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) --timeout 600

bench: build
	./scripts/run-bench.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
