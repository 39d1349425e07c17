// Shared by the tests that drive the engine over the default knowledge base.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "lexq/lexq.hpp"

// One engine on the embedded knowledge base for the whole test program.
inline lexq::Engine& default_engine() {
    static std::unique_ptr<lexq::Engine> e = [] {
        lexq::Error error;
        auto opened = lexq::Engine::open_default(&error);
        if (!opened) FAIL(error.message);
        return opened;
    }();
    return *e;
}
