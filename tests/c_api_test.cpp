// The C API (lexq/lexq.h), called as a C program would: handles, counts, borrowed strings, frees.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "lexq/lexq.h"

namespace {

// Closes the db even when a REQUIRE fails, so that a failing test does not also leak.
struct Db {
    lexq_db* db = nullptr;
    ~Db() { lexq_close(db); }
};

struct Result {
    lexq_result* result = nullptr;
    ~Result() { lexq_result_free(result); }
};

}  // namespace

TEST_CASE("lexq_version is the project version") {
    REQUIRE(std::string(lexq_version()) == "0.1.0");
}

TEST_CASE("lexq_run returns one entry per statement, failed ones with their error") {
    char* error = nullptr;
    Db db{lexq_open(nullptr, &error)};
    INFO((error ? error : ""));
    REQUIRE(db.db);
    REQUIRE(error == nullptr);

    Result r{lexq_run(db.db, "show CL 246; show CL 9999")};
    REQUIRE(r.result);
    REQUIRE(lexq_result_count(r.result) == 2);

    CHECK(lexq_result_ok(r.result, 0) == 1);
    CHECK(lexq_result_error(r.result, 0) == nullptr);
    const auto first = nlohmann::json::parse(lexq_result_json(r.result, 0));
    CHECK(first["ok"] == true);
    CHECK(first["result"]["provisions"][0]["id"] == "CL 246");
    CHECK(first["result"]["provisions"][0]["text_zh"].get<std::string>().starts_with("以暴力或者其他方法"));

    CHECK(lexq_result_ok(r.result, 1) == 0);
    const char* message = lexq_result_error(r.result, 1);
    REQUIRE(message);
    CHECK(std::strlen(message) > 0);
    const auto second = nlohmann::json::parse(lexq_result_json(r.result, 1));
    CHECK(second["ok"] == false);
    CHECK(second["error"]["kind"] == "no such provision");
    CHECK(second["error"]["message"] == message);
}

TEST_CASE("out-of-range indexes and null handles are harmless") {
    Db db{lexq_open(nullptr, nullptr)};
    REQUIRE(db.db);
    Result r{lexq_run(db.db, "show CL 246")};
    REQUIRE(r.result);
    CHECK(lexq_result_ok(r.result, 1) == 0);
    CHECK(lexq_result_json(r.result, 1) == nullptr);
    CHECK(lexq_result_error(r.result, 1) == nullptr);
    CHECK(lexq_result_count(nullptr) == 0);
    CHECK(lexq_run(nullptr, "show CL 246") == nullptr);
    lexq_result_free(nullptr);
    lexq_close(nullptr);
    lexq_free(nullptr);
}

TEST_CASE("a result outlives its db") {
    Result r;
    {
        Db db{lexq_open(nullptr, nullptr)};
        REQUIRE(db.db);
        r.result = lexq_run(db.db, "show CL 246");
    }
    REQUIRE(lexq_result_count(r.result) == 1);
    CHECK(nlohmann::json::parse(lexq_result_json(r.result, 0))["ok"] == true);
}

TEST_CASE("opening a missing file returns NULL and a message to free") {
    char* error = nullptr;
    lexq_db* db = lexq_open("/nonexistent/lexq-c-api-test.db", &error);
    CHECK(db == nullptr);
    REQUIRE(error);
    CHECK(std::strlen(error) > 0);
    lexq_free(error);
}

TEST_CASE("opening the installed-style database file by path works") {
    char* error = nullptr;
    Db db{lexq_open(LEXQ_DEFAULT_DB, &error)};
    INFO((error ? error : ""));
    REQUIRE(db.db);
    Result r{lexq_run(db.db, "show 刑法第246条")};
    REQUIRE(lexq_result_count(r.result) == 1);
    CHECK(lexq_result_ok(r.result, 0) == 1);
}
