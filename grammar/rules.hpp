// The PEGTL grammar of the query language: rules and their error messages only, no actions.
#pragma once

#include <tao/pegtl.hpp>

namespace lexq::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// Whitespace and separators.
struct ws : star<space> {};
struct sp : plus<space> {};

template <typename Key>
struct keyword : seq<Key, not_at<identifier_other>> {};

struct kw_show : keyword<istring<'s', 'h', 'o', 'w'>> {};
struct kw_search : keyword<istring<'s', 'e', 'a', 'r', 'c', 'h'>> {};
struct kw_and : keyword<string<'A', 'N', 'D'>> {};
struct kw_or : keyword<string<'O', 'R'>> {};
struct kw_not : keyword<string<'N', 'O', 'T'>> {};

// ---- Citations -------------------------------------------------------------------------------------
struct cn_digit : utf8::one<U'零', U'〇', U'一', U'二', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十', U'百', U'千'> {};
struct number : sor<plus<digit>, plus<cn_digit>> {};

struct open_paren : sor<one<'('>, utf8::one<U'（'>> {};
struct close_paren : sor<one<')'>, utf8::one<U'）'>> {};

// Canonical ids: CL 246, CL 253-1(2)(1).
struct inst_id : seq<alpha, star<alnum>> {};
struct article_main : plus<digit> {};
struct article_sub : plus<digit> {};
struct paragraph_num : plus<digit> {};
struct item_num : plus<digit> {};
struct canonical_article : seq<article_main, opt<one<'-'>, must<article_sub>>> {};
struct paren_close : one<')'> {};
struct canonical : seq<inst_id, sp, canonical_article,
                       opt<one<'('>, must<paragraph_num>, must<paren_close>,
                           opt<one<'('>, must<item_num>, must<paren_close>>>> {};

// Chinese: 《中华人民共和国刑法》第二百四十六条之一第二款第（一）项.
struct name_char : utf8::not_one<U'第', U'《', U'》', U' ', U'\t', U'\r', U'\n', U';', U'"', U'(', U')'> {};
struct inst_title : plus<utf8::not_one<U'》', U'\n'>> {};
struct title_close : utf8::one<U'》'> {};
struct inst_name : plus<name_char> {};
struct quoted_name : seq<utf8::one<U'《'>, must<inst_title>, must<title_close>> {};
struct di : utf8::one<U'第'> {};
struct tiao : utf8::one<U'条'> {};
struct kuan : utf8::one<U'款'> {};
struct xiang : utf8::one<U'项'> {};
struct zh_article : number {};
struct zh_sub : number {};
// 第二款 / 第（一）项 / 第(1)项 / 第一项: the kind (款 or 项) comes after the number.
struct zh_unit_number : number {};
struct zh_unit_bracketed : number {};
struct zh_unit_ref : sor<seq<open_paren, must<zh_unit_bracketed>, must<close_paren>>, zh_unit_number, failure> {};
struct zh_unit_kind : sor<kuan, xiang> {};
struct zh_unit : seq<di, must<zh_unit_ref>, must<zh_unit_kind>> {};
struct chinese : seq<opt<sor<quoted_name, inst_name>>, ws, di, must<zh_article>, must<tiao>,
                     opt<utf8::one<U'之'>, must<zh_sub>>, opt<zh_unit>, opt<zh_unit>> {};

// `failure` last, so a failed alternative is rewound and the error points at the citation's start.
struct instrument_only : sor<quoted_name, inst_name> {};  // show 刑法: the whole instrument
struct citation : sor<canonical, chinese, instrument_only, failure> {};

// ---- Search queries ---------------------------------------------------------------------------------
// Precedence, tightest first: field: and NOT, proximity (/n +n /s /p /item /art), AND (or juxtaposition), OR.
struct or_expr;
struct term_char : utf8::not_one<U' ', U'\t', U'\r', U'\n', U'"', U'(', U')', U';', U'*'> {};
template <typename Name>
struct name_colon : seq<Name, one<':'>> {};

// Proximity connectors, as lawyers know them from Westlaw.
struct near_words : seq<one<'/'>, plus<digit>> {};     // a /5 b: within 5 words, either order
struct near_ordered : seq<one<'+'>, plus<digit>> {};   // a +5 b: b within 5 words after a
struct near_item : seq<one<'/'>, istring<'i', 't', 'e', 'm'>> {};
struct near_article : seq<one<'/'>, istring<'a', 'r', 't'>> {};
struct near_sentence : seq<one<'/'>, istring<'s'>> {};
struct near_paragraph : seq<one<'/'>, istring<'p'>> {};
struct near_op : seq<sor<near_words, near_ordered, near_item, near_article, near_sentence, near_paragraph>,
                     not_at<term_char>> {};

// title:诽谤, zh:(…), en:"…"; and statement options such as instrument:CL,CC status:all limit:20.
struct field_name : sor<istring<'t', 'i', 't', 'l', 'e'>, istring<'h', 'e', 'a', 'd', 'i', 'n', 'g'>,
                        istring<'z', 'h'>, istring<'e', 'n'>> {};
struct option_name : sor<istring<'i', 'n', 's', 't', 'r', 'u', 'm', 'e', 'n', 't'>, istring<'k', 'i', 'n', 'd'>,
                         istring<'s', 't', 'a', 't', 'u', 's'>, istring<'d', 'a', 't', 'e'>,
                         istring<'l', 'i', 'm', 'i', 't'>, istring<'o', 'f', 'f', 's', 'e', 't'>> {};
struct option_value : plus<term_char> {};
struct option : seq<name_colon<option_name>, must<option_value>> {};

struct reserved : sor<kw_and, kw_or, kw_not, near_op, name_colon<field_name>, name_colon<option_name>> {};
struct prefix_star : one<'*'> {};
struct term : seq<not_at<reserved>, plus<term_char>, opt<prefix_star>> {};
struct phrase_text : plus<utf8::not_one<U'"'>> {};
struct phrase_close : one<'"'> {};
struct phrase : seq<one<'"'>, must<phrase_text>, must<phrase_close>> {};
struct group_close : one<')'> {};
struct group_body;
struct group : seq<one<'('>, ws, must<group_body>, ws, must<group_close>> {};
struct field_operand : sor<phrase, group, term> {};
struct field : seq<name_colon<field_name>, must<field_operand>> {};
struct primary : sor<phrase, group, option, field, term> {};
struct not_expr;
struct unary : sor<not_expr, primary> {};
struct not_operand : unary {};
struct not_expr : seq<kw_not, ws, must<not_operand>> {};
struct near_operand : unary {};
struct near_expr : seq<unary, star<sp, near_op, ws, must<near_operand>>> {};
struct and_operand : near_expr {};
struct and_op : seq<sp, kw_and, ws> {};
struct and_expr : seq<near_expr, star<sor<seq<and_op, must<and_operand>>, seq<sp, not_at<kw_or>, near_expr>>>> {};
struct or_operand : and_expr {};
struct or_op : seq<sp, kw_or, ws> {};
struct or_expr : seq<and_expr, star<or_op, must<or_operand>>> {};
struct group_body : or_expr {};
struct query : or_expr {};

// ---- Statements ------------------------------------------------------------------------------------
struct end_ahead : sor<one<';'>, eof> {};  // no error message: used under at<>
// Any other citation form (Article 246 of the Criminal Law, 民法典第一千一百九十四条至第一千一百九十七条,
// 2012年治安管理处罚法第四十二条) is taken whole and read by the citation scanner.
struct free_citation : plus<utf8::not_one<U';'>> {};
struct show_target : sor<seq<citation, ws, at<end_ahead>>, free_citation> {};
struct show_stmt : seq<kw_show, ws, must<show_target>> {};
struct search_stmt : seq<kw_search, ws, must<query>> {};
struct kw_explain : keyword<istring<'e', 'x', 'p', 'l', 'a', 'i', 'n'>> {};

// ---- apply and explain of a conclusion: facts as name = value, … ---------------------------------------
struct kw_apply : keyword<istring<'a', 'p', 'p', 'l', 'y'>> {};
struct fact_name_text : plus<utf8::not_one<U'=', U',', U';', U' ', U'\t', U'\r', U'\n', U'{', U'}'>> {};
struct value_atom : plus<utf8::not_one<U',', U'{', U'}', U';', U' ', U'\t', U'\r', U'\n'>> {};
struct set_close : one<'}'> {};
// After a ',' another value or fact must follow, so that a line ending in ',' reads as unfinished.
struct next_value : seq<value_atom> {};  // its own type, so only this use of value_atom raises
struct value_set : seq<one<'{'>, ws, opt<value_atom, star<ws, one<','>, ws, must<next_value>>>, ws, must<set_close>> {};
struct fact_value : sor<value_set, value_atom> {};
struct assignment_value : fact_value {};
struct assignment : seq<fact_name_text, ws, one<'='>, ws, must<assignment_value>> {};
struct using_draft : seq<istring<'u', 's', 'i', 'n', 'g'>, sp, istring<'d', 'r', 'a', 'f', 't'>> {};
struct next_assignment : seq<assignment> {};
struct facts_list : seq<assignment, star<ws, one<','>, ws, must<next_assignment>>> {};
struct given_facts : facts_list {};
struct apply_stmt : seq<kw_apply, ws, must<given_facts>, opt<sp, using_draft>> {};
struct conclusion_name : plus<ranges<'a', 'z', 'A', 'Z', '0', '9', '_', '_'>> {};
struct full_depth : keyword<istring<'f', 'u', 'l', 'l'>> {};
struct kw_given : keyword<istring<'g', 'i', 'v', 'e', 'n'>> {};
struct explain_conclusion : seq<not_at<kw_search>, conclusion_name, opt<sp, full_depth>, sp, must<kw_given>, ws,
                                must<given_facts>, opt<sp, using_draft>> {};
struct explainable : sor<search_stmt, explain_conclusion, failure> {};
struct explain_stmt : seq<kw_explain, ws, must<explainable>> {};
struct kw_refs : keyword<istring<'r', 'e', 'f', 's'>> {};
struct kw_citedby : keyword<istring<'c', 'i', 't', 'e', 'd', 'b', 'y'>> {};
struct kw_check : keyword<istring<'c', 'h', 'e', 'c', 'k'>> {};
struct refs_stmt : seq<kw_refs, ws, must<citation>> {};
struct depth_value : plus<digit> {};
struct depth_clause : seq<sp, istring<'d', 'e', 'p', 't', 'h'>, one<':'>, must<depth_value>> {};
struct citedby_stmt : seq<kw_citedby, ws, must<citation>, opt<depth_clause>> {};
struct check_text : plus<utf8::any> {};  // the rest of the input, ';' included: it is the user's text
struct check_stmt : seq<kw_check, ws, must<check_text>> {};
struct statement : sor<show_stmt, search_stmt, explain_stmt, refs_stmt, citedby_stmt, check_stmt, apply_stmt, failure> {};
struct statement_end : sor<seq<one<';'>, ws>, eof> {};
struct script : seq<ws, star<not_at<eof>, must<statement>, ws, must<statement_end>>, eof> {};

// One message per commit point (PEGTL must_if).
struct errors {
    template <typename Rule>
    static constexpr const char* message = nullptr;
};
// clang-format off
template <> inline constexpr const char* errors::message<statement> = "expected a statement: show, search, explain, refs, citedby, check or apply";
template <> inline constexpr const char* errors::message<depth_value> = "expected a number after depth:, as in depth:2";
template <> inline constexpr const char* errors::message<check_text> = "expected the text to check after check";
template <> inline constexpr const char* errors::message<explainable> = "expected a search or a conclusion after explain, as in explain crime_defamation given …";
template <> inline constexpr const char* errors::message<given_facts> = "expected facts as name = value, as in act = {insult}, views = 6000";
template <> inline constexpr const char* errors::message<assignment_value> = "expected a value after =, such as 6000, true, network or {insult, intimidate}";
template <> inline constexpr const char* errors::message<set_close> = "expected } to close the set of values";
template <> inline constexpr const char* errors::message<next_value> = "expected a value after ',', as in {insult, intimidate}";
template <> inline constexpr const char* errors::message<next_assignment> = "expected another fact after ',', as in views = 6000";
template <> inline constexpr const char* errors::message<kw_given> = "expected given and the facts, as in explain crime_defamation given views = 6000";
template <> inline constexpr const char* errors::message<option_value> = "expected a value after the option's ':', as in limit:20";
template <> inline constexpr const char* errors::message<field_operand> = "expected a term, \"phrase\" or (group) after the field's ':'";
template <> inline constexpr const char* errors::message<near_operand> = "expected a search term after the proximity connector";
template <> inline constexpr const char* errors::message<statement_end> = "expected ';' or the end of the statement";
template <> inline constexpr const char* errors::message<show_target> = "expected a citation such as 刑法第246条 or CL 246";
template <> inline constexpr const char* errors::message<citation> = "expected a citation such as 刑法第246条 or CL 246";
template <> inline constexpr const char* errors::message<article_sub> = "expected the number after '-', as in 253-1";
template <> inline constexpr const char* errors::message<paragraph_num> = "expected a paragraph number, as in CL 246(2)";
template <> inline constexpr const char* errors::message<item_num> = "expected an item number, as in CL 286-1(1)(1)";
template <> inline constexpr const char* errors::message<paren_close> = "expected ')'";
template <> inline constexpr const char* errors::message<inst_title> = "expected a title after 《";
template <> inline constexpr const char* errors::message<title_close> = "expected 》 to close the title";
template <> inline constexpr const char* errors::message<zh_article> = "expected an article number after 第, as in 第246条 or 第二百四十六条";
template <> inline constexpr const char* errors::message<tiao> = "expected 条 after the article number";
template <> inline constexpr const char* errors::message<zh_sub> = "expected a number after 之, as in 第二百五十三条之一";
template <> inline constexpr const char* errors::message<zh_unit_ref> = "expected a paragraph or item number after 第, as in 第二款 or 第（一）项";
template <> inline constexpr const char* errors::message<zh_unit_bracketed> = "expected an item number inside the brackets";
template <> inline constexpr const char* errors::message<close_paren> = "expected ） to close the item number";
template <> inline constexpr const char* errors::message<zh_unit_kind> = "expected 款 or 项 after the number";
template <> inline constexpr const char* errors::message<query> = "expected search terms";
template <> inline constexpr const char* errors::message<group_body> = "expected search terms after '('";
template <> inline constexpr const char* errors::message<or_operand> = "expected a search term after OR";
template <> inline constexpr const char* errors::message<and_operand> = "expected a search term after AND";
template <> inline constexpr const char* errors::message<not_operand> = "expected a search term after NOT";
template <> inline constexpr const char* errors::message<phrase_text> = "expected words inside the quotes";
template <> inline constexpr const char* errors::message<phrase_close> = "expected '\"' to close the phrase";
template <> inline constexpr const char* errors::message<group_close> = "expected ')' to close the group";
// clang-format on

// Counts nesting (parentheses and NOT) so deep input is an error, not a stack overflow.
struct Depth {
    std::size_t level = 0;
    std::size_t limit = 0;
};

template <typename Rule>
struct control : must_if<errors>::control<Rule> {};

template <typename Rule>
struct nesting_control : must_if<errors>::control<Rule> {
    template <typename Input, typename... States>
    static void start(const Input& in, Depth& depth, States&&...) {
        if (++depth.level > depth.limit)
            throw parse_error("nesting too deep (more than " + std::to_string(depth.limit) +
                                  " levels of parentheses, NOT and fields)", in);
    }
    template <typename Input, typename... States>
    static void success(const Input&, Depth& depth, States&&...) { --depth.level; }
    template <typename Input, typename... States>
    static void failure(const Input& in, Depth& depth, States&&... st) {
        --depth.level;
        must_if<errors>::control<Rule>::failure(in, depth, st...);
    }
};
template <> struct control<group_body> : nesting_control<group_body> {};  // selected rules see the control
template <> struct control<not_operand> : nesting_control<not_operand> {};  // entered only after NOT
template <> struct control<field_operand> : nesting_control<field_operand> {};

}  // namespace lexq::grammar
