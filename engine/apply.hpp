// apply and explain: the rules of kb/rules evaluated on a user's facts, in three-valued logic.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ast.hpp"
#include "lexq/lexq.hpp"
#include "rule_ast.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

// The rulebook as the engine reads it from the knowledge base.
class RuleBase {
public:
    explicit RuleBase(const kb::Database& db);
    ~RuleBase();
    Result apply(const ast::Apply& statement, const std::string& today) const;
    Result explain(const ast::ExplainConclusion& statement, const std::string& today) const;

    struct Data;

private:
    std::unique_ptr<Data> data_;
};

}  // namespace lexq::engine
