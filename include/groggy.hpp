/*
 * groggy.hpp: a header-only C++17 client of the groggy C ABI.
 *
 * It uses nothing but groggy.h: every call below is one C function, and every handle the
 * library gives out is owned by a move-only object whose destructor frees it. A failing
 * call throws groggy::Error, built from the status and the library's thread-local error
 * accessors (never by parsing the message).
 *
 *     groggy::Graph g;                      // undirected; groggy::Graph g(true) is directed
 *     g.add_edge("alice", "bob");
 *     g.add_edge("alice", 42, {{"weight", 2.5}});
 *     groggy::NodeMap<double> pr = g.pagerank();
 *     double score = pr.at("alice");
 *
 * Keys are ints or strings (1 and "1" are different nodes). groggy::Key is a view, like
 * std::string_view: a Key read from a result (Keys, NodeMap, Components) is valid while
 * that result lives.
 *
 * C++ callbacks (filter predicates, read_edgelist's progress) may throw: the exception is
 * caught before it reaches the C library, which is told to stop (GR_STATUS_CALLBACK), and
 * rethrown unchanged once the call returns.
 */

#ifndef GROGGY_HPP
#define GROGGY_HPP

// Quotes, so the groggy.h installed next to this file is the one used.
#include "groggy.h"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace groggy {

// ----- errors ----------------------------------------------------------------------------

// A failed call: its status (GR_STATUS_*), the operation that failed ("add_edge") and, for
// I/O failures the system reported, its errno. what() is the library's message.
class Error : public std::runtime_error {
public:
    Error(gr_status status, std::string operation, const std::string &message,
          int32_t os_code = 0)
        : std::runtime_error(message), status_(status), operation_(std::move(operation)),
          os_code_(os_code) {}

    gr_status status() const noexcept { return status_; }
    const std::string &operation() const noexcept { return operation_; }
    int32_t os_code() const noexcept { return os_code_; }

private:
    gr_status status_;
    std::string operation_;
    int32_t os_code_;
};

namespace detail {

// Reads the thread-local accessors at once: the next failing call would replace them.
inline void check(gr_status status) {
    if (status != GR_STATUS_OK) {
        throw Error(status, gr_last_error_operation(), gr_last_error_message(),
                    gr_last_error_os_code());
    }
}

// unique_ptr gives move-only ownership for free; a moved-from handle is NULL, which every
// gr_* function refuses with an error instead of crashing.
template <auto Free> struct Deleter {
    template <class T> void operator()(T *p) const noexcept { Free(p); }
};
template <class T, auto Free> using Owned = std::unique_ptr<T, Deleter<Free>>;

// A NULL pointer with length 0 is fine for the library, but an empty std::string_view
// may have a NULL data(), which for a key means "int key": use "" instead.
inline const char *text_ptr(std::string_view s) noexcept { return s.data() ? s.data() : ""; }

// Carries an exception out of a C++ callback the library calls: unwinding through the C
// library is undefined behaviour, so the callback catches it, stores it and returns
// GR_STATUS_CALLBACK, which stops the call; the caller rethrows it once the call returns.
class CallbackGuard {
public:
    // Runs f (returning a gr_status); after a first exception, stops every later call too.
    template <class F> gr_status run(F &&f) noexcept {
        if (error_) return GR_STATUS_CALLBACK;
        try {
            return f();
        } catch (...) {
            error_ = std::current_exception();
            return GR_STATUS_CALLBACK;
        }
    }
    // After the call: the callback's exception if it threw, else as check() does.
    void check(gr_status status) const {
        if (error_) std::rethrow_exception(error_);
        detail::check(status);
    }

private:
    std::exception_ptr error_;
};

} // namespace detail

// ----- keys and values -------------------------------------------------------------------

// A node key: an int64 or a UTF-8 string. It does not own the string it names.
class Key {
public:
    // A template, so a literal 0 is an int key rather than a NULL const char *.
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>,
                                        int> = 0>
    Key(T value) noexcept : int_(static_cast<int64_t>(value)) {}
    Key(std::string_view text) noexcept : str_(detail::text_ptr(text)), len_(text.size()) {}
    Key(const char *text) : Key(std::string_view(text)) {}
    Key(const std::string &text) noexcept : Key(std::string_view(text)) {}

    bool is_int() const noexcept { return str_ == nullptr; }
    bool is_str() const noexcept { return str_ != nullptr; }
    // The int key (0 for a string key) and the string key ("" for an int key).
    int64_t as_int() const noexcept { return int_; }
    std::string_view as_str() const noexcept {
        return is_str() ? std::string_view(str_, len_) : std::string_view();
    }

    // The form every C function takes a key in: (int, NULL, 0) or (0, text, length).
    int64_t c_int() const noexcept { return int_; }
    const char *c_ptr() const noexcept { return str_; }
    size_t c_len() const noexcept { return len_; }

    friend bool operator==(const Key &a, const Key &b) noexcept {
        return a.is_int() == b.is_int() && a.int_ == b.int_ && a.as_str() == b.as_str();
    }
    friend bool operator!=(const Key &a, const Key &b) noexcept { return !(a == b); }
    friend std::ostream &operator<<(std::ostream &out, const Key &k) {
        return k.is_int() ? out << k.int_ : out << k.as_str();
    }

private:
    int64_t int_ = 0;
    const char *str_ = nullptr;
    size_t len_ = 0;
};

using Bytes = std::vector<uint8_t>;

// An attribute value. Narrower ints and floats the library stores read back as int64 and
// double; null (monostate) is a value a node can have, unlike an absent attribute.
class Value {
public:
    using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, Bytes>;

    Value() = default;
    Value(bool b) : v_(b) {}
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>,
                                        int> = 0>
    Value(T i) : v_(static_cast<int64_t>(i)) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char *s) : v_(std::string(s)) {}
    Value(Bytes b) : v_(std::move(b)) {}

    bool is_null() const noexcept { return std::holds_alternative<std::monostate>(v_); }
    template <class T> bool is() const noexcept { return std::holds_alternative<T>(v_); }
    // Throws std::bad_variant_access when the value is of another kind.
    template <class T> const T &as() const { return std::get<T>(v_); }
    const Variant &variant() const noexcept { return v_; }

    friend bool operator==(const Value &a, const Value &b) { return a.v_ == b.v_; }
    friend bool operator!=(const Value &a, const Value &b) { return !(a == b); }

    // The C form, borrowing this value's string or bytes (the library copies them).
    gr_attr_value c_value() const noexcept {
        gr_attr_value out{};
        out.tag = GR_ATTR_NULL;
        if (auto b = std::get_if<bool>(&v_)) {
            out.tag = GR_ATTR_BOOL;
            out.data.b = *b;
        } else if (auto i = std::get_if<int64_t>(&v_)) {
            out.tag = GR_ATTR_INT64;
            out.data.i64 = *i;
        } else if (auto d = std::get_if<double>(&v_)) {
            out.tag = GR_ATTR_FLOAT64;
            out.data.f64 = *d;
        } else if (auto s = std::get_if<std::string>(&v_)) {
            out.tag = GR_ATTR_STRING;
            out.data.buf = {reinterpret_cast<const uint8_t *>(s->data()), s->size()};
        } else if (auto y = std::get_if<Bytes>(&v_)) {
            out.tag = GR_ATTR_BYTES;
            out.data.buf = {y->data(), y->size()};
        }
        return out;
    }

    // Takes a value the library wrote out as owned: copies it and releases the original.
    static Value take(gr_attr_value &owned) {
        // Released even if the copy below throws (std::bad_alloc).
        struct Release {
            gr_attr_value &v;
            ~Release() { gr_attr_value_release(&v); }
        } release{owned};
        return copy(owned);
    }

    // Copies a value the library lends (an attribute map's), leaving it as it is.
    static Value copy(const gr_attr_value &borrowed) {
        const gr_attr_data &d = borrowed.data;
        const char *text = reinterpret_cast<const char *>(d.buf.ptr);
        switch (borrowed.tag) {
        case GR_ATTR_BOOL: return Value(d.b);
        case GR_ATTR_INT8: return Value(d.i8);
        case GR_ATTR_INT16: return Value(d.i16);
        case GR_ATTR_INT32: return Value(d.i32);
        case GR_ATTR_INT64: return Value(d.i64);
        case GR_ATTR_FLOAT32: return Value(static_cast<double>(d.f32));
        case GR_ATTR_FLOAT64: return Value(d.f64);
        case GR_ATTR_STRING: return Value(std::string(text ? text : "", d.buf.len));
        case GR_ATTR_BYTES: return Value(Bytes(d.buf.ptr, d.buf.ptr + d.buf.len));
        case GR_ATTR_NULL: return Value();
        }
        // A kind from a newer library: refuse it rather than read it as something else.
        throw std::runtime_error("groggy::Value: an attribute kind this header does not know");
    }

private:
    Variant v_;
};

// One attribute for add_node / add_edge: {"age", 30}.
struct Attr {
    std::string_view name;
    Value value;
};
using Attrs = std::initializer_list<Attr>;

// Keys of any kind, copied into the layout the batch calls take (a "key array" in
// groggy.h: a kind, an int and a slice of one string buffer per key).
class KeyArray {
public:
    KeyArray() : offsets_{0} {}
    KeyArray(std::initializer_list<Key> keys) : KeyArray() {
        for (const Key &k : keys) push_back(k);
    }
    template <class It> KeyArray(It first, It last) : KeyArray() {
        for (; first != last; ++first) push_back(*first);
    }

    void push_back(const Key &k) {
        kinds_.push_back(static_cast<uint8_t>(k.is_int() ? GR_KEY_INT : GR_KEY_STR));
        ints_.push_back(k.as_int());
        str_.append(k.as_str());
        offsets_.push_back(str_.size());
    }
    size_t size() const noexcept { return kinds_.size(); }
    bool empty() const noexcept { return kinds_.empty(); }
    // A view into this array, valid while it is not changed.
    Key operator[](size_t i) const noexcept {
        if (kinds_[i] == GR_KEY_INT) return Key(ints_[i]);
        return Key(std::string_view(str_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]));
    }

    // The C form: kinds, ints, string bytes (c_str_len() of them) and size() + 1 offsets.
    const uint8_t *c_kinds() const noexcept { return kinds_.data(); }
    const int64_t *c_ints() const noexcept { return ints_.data(); }
    const uint8_t *c_str_data() const noexcept {
        return reinterpret_cast<const uint8_t *>(str_.data());
    }
    size_t c_str_len() const noexcept { return str_.size(); }
    const size_t *c_offsets() const noexcept { return offsets_.data(); }

private:
    std::vector<uint8_t> kinds_;
    std::vector<int64_t> ints_;
    std::string str_;
    std::vector<size_t> offsets_;
};

// A key with a weight: {"alice", 0.5}.
struct Weighted {
    Key key;
    double weight;
};

// PageRank's personalization (teleport and dangling) weights: keys copied, so it may
// outlive the strings it was made from. Keys not in the graph are ignored.
class Personalization {
public:
    Personalization() = default;
    Personalization(std::initializer_list<Weighted> entries) {
        for (const Weighted &e : entries) add(e.key, e.weight);
    }
    void add(const Key &k, double weight) {
        keys_.push_back(k);
        weights_.push_back(weight);
    }
    size_t size() const noexcept { return keys_.size(); }
    bool empty() const noexcept { return keys_.empty(); }
    const KeyArray &keys() const noexcept { return keys_; }
    const std::vector<double> &weights() const noexcept { return weights_; }

private:
    KeyArray keys_;
    std::vector<double> weights_;
};

// One attribute of one item of a batch (add_nodes / add_edges): the item at index `item`
// of the batch gets `name` = `value`. Applied in the order given.
struct ItemAttr {
    size_t item;
    std::string_view name;
    Value value;
};

// ----- results ---------------------------------------------------------------------------

// A list of node keys (gr_keys), in the order the call that made it says.
class Keys {
public:
    explicit Keys(gr_keys *owned) : h_(owned) {
        detail::check(gr_keys_view(h_.get(), &len_, &ints_, &kinds_, &str_data_, &offsets_));
    }

    size_t size() const noexcept { return len_; }
    bool empty() const noexcept { return len_ == 0; }
    // Unchecked, like std::vector::operator[].
    Key operator[](size_t i) const noexcept {
        if (kinds_ == nullptr || kinds_[i] == GR_KEY_INT) return Key(ints_[i]);
        const char *text = reinterpret_cast<const char *>(str_data_);
        return Key(std::string_view(text + offsets_[i], offsets_[i + 1] - offsets_[i]));
    }
    // The first position of a key (indexes the list once, then O(1)).
    std::optional<size_t> find(const Key &k) const {
        size_t index = 0;
        bool found = false;
        detail::check(gr_keys_find(h_.get(), k.c_int(), k.c_ptr(), k.c_len(), &index, &found));
        return found ? std::optional<size_t>(index) : std::nullopt;
    }
    bool contains(const Key &k) const { return find(k).has_value(); }
    std::vector<Key> to_vector() const { return std::vector<Key>(begin(), end()); }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Key;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Key;
        iterator(const Keys *keys, size_t i) : keys_(keys), i_(i) {}
        Key operator*() const noexcept { return (*keys_)[i_]; }
        iterator &operator++() noexcept { ++i_; return *this; }
        bool operator==(const iterator &o) const noexcept { return i_ == o.i_; }
        bool operator!=(const iterator &o) const noexcept { return i_ != o.i_; }

    private:
        const Keys *keys_;
        size_t i_;
    };
    iterator begin() const noexcept { return iterator(this, 0); }
    iterator end() const noexcept { return iterator(this, len_); }

    gr_keys *handle() const noexcept { return h_.get(); }

private:
    detail::Owned<gr_keys, gr_keys_free> h_;
    // Borrowed from the handle, which never changes (moving the handle does not move them).
    size_t len_ = 0;
    const int64_t *ints_ = nullptr;
    const uint8_t *kinds_ = nullptr;
    const uint8_t *str_data_ = nullptr;
    const size_t *offsets_ = nullptr;
};

// An immutable column of values (gr_array).
class Array {
public:
    explicit Array(gr_array *owned) : h_(owned) {
        detail::check(gr_array_info(h_.get(), &len_, &kind_, &data_));
    }

    size_t size() const noexcept { return len_; }
    // A GR_ATTR_* tag (GR_ATTR_NULL when every entry is null).
    gr_attr_tag kind() const noexcept { return kind_; }
    Value at(size_t i) const {
        gr_attr_value out{};
        detail::check(gr_array_get(h_.get(), i, &out));
        return Value::take(out);
    }
    // The contiguous values of an int64 or float64 array; throws for another kind.
    template <class T> const T *data() const {
        static_assert(std::is_same_v<T, int64_t> || std::is_same_v<T, double>,
                      "data<T>() reads int64_t or double columns");
        const gr_attr_tag want = std::is_same_v<T, double> ? GR_ATTR_FLOAT64 : GR_ATTR_INT64;
        if (len_ != 0 && kind_ != want) {
            throw std::logic_error("groggy::Array::data: the array holds another kind");
        }
        return static_cast<const T *>(data_);
    }

    // A new array of int64 or double values (copied), for the column calls of Graph.
    template <class T> static Array of(const std::vector<T> &values) {
        static_assert(std::is_same_v<T, int64_t> || std::is_same_v<T, double>,
                      "Array::of makes int64_t or double columns");
        const gr_attr_tag tag = std::is_same_v<T, double> ? GR_ATTR_FLOAT64 : GR_ATTR_INT64;
        gr_array *out = nullptr;
        detail::check(gr_array_new(tag, values.data(), nullptr, values.size(), &out));
        return Array(out);
    }

    gr_array *handle() const noexcept { return h_.get(); }

private:
    detail::Owned<gr_array, gr_array_free> h_;
    size_t len_ = 0;
    gr_attr_tag kind_ = GR_ATTR_NULL;
    const void *data_ = nullptr;
};

// Node keys with one number each (int64_t or double), as algorithms return them.
template <class T> class NodeMap {
public:
    NodeMap(Keys keys, Array values)
        : keys_(std::move(keys)), values_(std::move(values)), data_(values_.data<T>()) {}

    size_t size() const noexcept { return keys_.size(); }
    Key key(size_t i) const noexcept { return keys_[i]; }
    T value(size_t i) const noexcept { return data_[i]; }
    bool contains(const Key &k) const { return keys_.contains(k); }
    // Throws std::out_of_range for a key that is not there, like std::map::at.
    T at(const Key &k) const {
        std::optional<size_t> i = keys_.find(k);
        if (!i) throw std::out_of_range("groggy::NodeMap::at: no such node");
        return data_[*i];
    }
    const Keys &keys() const noexcept { return keys_; }

private:
    Keys keys_;
    Array values_;
    const T *data_;
};

// Components, largest first: the keys of each component (in node order).
class Components {
public:
    Components(Keys keys, Array sizes) : keys_(std::move(keys)), starts_{0} {
        const int64_t *n = sizes.data<int64_t>();
        for (size_t c = 0; c < sizes.size(); ++c) starts_.push_back(starts_.back() + size_t(n[c]));
    }

    size_t count() const noexcept { return starts_.size() - 1; }
    size_t size(size_t c) const noexcept { return starts_[c + 1] - starts_[c]; }
    // The keys of component c (views into this object).
    std::vector<Key> operator[](size_t c) const {
        std::vector<Key> out;
        for (size_t i = starts_[c]; i < starts_[c + 1]; ++i) out.push_back(keys_[i]);
        return out;
    }
    const Keys &keys() const noexcept { return keys_; }

private:
    Keys keys_;
    std::vector<size_t> starts_;
};

// Edges as two key lists of the same length: edge i is sources[i] -> targets[i].
struct EdgeKeys {
    Keys sources;
    Keys targets;
    size_t size() const noexcept { return sources.size(); }
};

// Bytes the library made (gr_buffer): a graph in the native format.
class Buffer {
public:
    explicit Buffer(gr_buffer *owned) : h_(owned) {
        detail::check(gr_buffer_data(h_.get(), &data_, &len_));
    }
    // NULL when empty.
    const uint8_t *data() const noexcept { return data_; }
    size_t size() const noexcept { return len_; }
    Bytes to_bytes() const { return data_ ? Bytes(data_, data_ + len_) : Bytes(); }
    gr_buffer *handle() const noexcept { return h_.get(); }

private:
    detail::Owned<gr_buffer, gr_buffer_free> h_;
    // Borrowed from the handle (moving the handle does not move them).
    const uint8_t *data_ = nullptr;
    size_t len_ = 0;
};

// The attributes of the node or edge a filter callback is asked about, borrowed from the
// library for that call only: read them there, do not keep the view.
class AttrsView {
public:
    explicit AttrsView(const gr_attr_map *map) {
        detail::check(gr_attr_map_entries(map, &len_, &names_, &values_));
    }
    size_t size() const noexcept { return len_; }
    std::string_view name(size_t i) const noexcept {
        return std::string_view(reinterpret_cast<const char *>(names_[i].ptr), names_[i].len);
    }
    Value value(size_t i) const { return Value::copy(values_[i]); }
    // The attribute `name` (std::nullopt when absent; a null Value when set to null).
    std::optional<Value> get(std::string_view name) const {
        for (size_t i = 0; i < len_; ++i) {
            if (this->name(i) == name) return value(i);
        }
        return std::nullopt;
    }

private:
    size_t len_ = 0;
    const gr_buf *names_ = nullptr;
    const gr_attr_value *values_ = nullptr;
};

// An attribute column for the column calls of Graph: {"weight", array}, one value per
// item of the batch. The array is borrowed for the call.
struct Column {
    std::string_view name;
    const Array &values;
};
using Columns = std::vector<Column>;

// Decide whether a filter keeps a node, or an edge u -> v, from its key(s) and attributes.
using NodePredicate = std::function<bool(const Key &key, const AttrsView &attrs)>;
using EdgePredicate = std::function<bool(const Key &u, const Key &v, const AttrsView &attrs)>;

// Told how far a long load has got (done of total bytes); returns false to stop it, which
// then throws Error with GR_STATUS_CALLBACK.
using Progress = std::function<bool(uint64_t done, uint64_t total)>;

// ----- handles that configure calls ------------------------------------------------------

// Stops algorithms that run with it; trigger() is safe from any other thread.
class Cancel {
public:
    Cancel() {
        gr_cancel *raw = nullptr;
        detail::check(gr_cancel_new(&raw));
        h_.reset(raw);
    }
    void trigger() const { detail::check(gr_cancel_trigger(h_.get())); }
    const gr_cancel *handle() const noexcept { return h_.get(); }

private:
    detail::Owned<gr_cancel, gr_cancel_free> h_;
};

// A memory pool with an optional limit in bytes, shared by the graphs made in it.
class Pool {
public:
    explicit Pool(int64_t limit_bytes = -1) {
        gr_pool *raw = nullptr;
        detail::check(gr_pool_new(limit_bytes, &raw));
        h_.reset(raw);
    }
    // Bytes the pool's graphs hold now.
    uint64_t usage() const {
        uint64_t total = 0, peak = 0, now = 0;
        int64_t limit = 0;
        detail::check(gr_pool_stats(h_.get(), &total, &peak, &now, &limit));
        return now;
    }
    const gr_pool *handle() const noexcept { return h_.get(); }

private:
    detail::Owned<gr_pool, gr_pool_free> h_;
};

struct PagerankOptions {
    double alpha = 0.85;
    size_t max_iter = 100;
    double tol = 1e-6;
    std::string weight; // an edge attribute; empty: every edge weighs 1
    Personalization personalization; // empty: none
};

struct EdgelistOptions {
    bool directed = false;
    std::string comments = "#"; // lines starting with it are skipped; empty: none
    int32_t delimiter = -1;     // a character, or -1 for any whitespace
    int32_t keys = GR_EDGELIST_KEYS_AUTO; // or GR_EDGELIST_KEYS_INT, GR_EDGELIST_KEYS_STR
    bool header = false;         // skip the first line that is not a comment
    Progress progress;           // empty: none
};

namespace detail {
// The optional cancel argument of the algorithms, as the C API takes it.
inline const gr_cancel *cancel_ptr(const Cancel *c) noexcept { return c ? c->handle() : nullptr; }

// The one place the C options structs are filled from the C++ ones: the C struct is
// initialised first, so fields a later header adds keep their defaults.
inline void pagerank_call(const gr_graph *g, const PagerankOptions &o, const gr_cancel *cancel,
                          gr_keys **out_keys, gr_array **out_scores) {
    gr_pagerank_options c;
    check(gr_pagerank_options_init(&c, GR_PAGERANK_OPTIONS_VERSION));
    c.alpha = o.alpha;
    c.max_iter = o.max_iter;
    c.tol = o.tol;
    c.weight = o.weight.empty() ? nullptr : o.weight.c_str();
    c.weight_len = o.weight.size();
    if (!o.personalization.empty()) {
        const KeyArray &k = o.personalization.keys();
        c.personal_kinds = k.c_kinds();
        c.personal_ints = k.c_ints();
        c.personal_str_data = k.c_str_data();
        c.personal_str_data_len = k.c_str_len();
        c.personal_str_offsets = k.c_offsets();
        c.personal_values = o.personalization.weights().data();
        c.n_personal = k.size();
    }
    check(gr_graph_pagerank(g, &c, cancel, out_keys, out_scores));
}

// The C callbacks behind the C++ ones: user_data points to one of these contexts.
struct ProgressContext {
    const Progress &progress;
    CallbackGuard guard;
};
inline gr_status progress_trampoline(void *user_data, uint64_t done, uint64_t total) {
    auto *ctx = static_cast<ProgressContext *>(user_data);
    return ctx->guard.run(
        [&] { return ctx->progress(done, total) ? GR_STATUS_OK : GR_STATUS_CALLBACK; });
}

struct NodeFilterContext {
    const NodePredicate &keep;
    CallbackGuard guard;
};
inline Key key_of(int64_t k, const char *s, size_t len) noexcept {
    return s ? Key(std::string_view(s, len)) : Key(k);
}
inline gr_status node_trampoline(void *user_data, int64_t k, const char *s, size_t len,
                                 const gr_attr_map *attrs, bool *out_keep) {
    auto *ctx = static_cast<NodeFilterContext *>(user_data);
    return ctx->guard.run([&] {
        *out_keep = ctx->keep(key_of(k, s, len), AttrsView(attrs));
        return GR_STATUS_OK;
    });
}

struct EdgeFilterContext {
    const EdgePredicate &keep;
    CallbackGuard guard;
};
inline gr_status edge_trampoline(void *user_data, int64_t u, const char *us, size_t ul,
                                 int64_t v, const char *vs, size_t vl,
                                 const gr_attr_map *attrs, bool *out_keep) {
    auto *ctx = static_cast<EdgeFilterContext *>(user_data);
    return ctx->guard.run([&] {
        *out_keep = ctx->keep(key_of(u, us, ul), key_of(v, vs, vl), AttrsView(attrs));
        return GR_STATUS_OK;
    });
}

// Two key lists the library wrote out, owned at once so neither leaks if the other throws.
inline EdgeKeys edge_keys(gr_keys *sources, gr_keys *targets) {
    Owned<gr_keys, gr_keys_free> hold(targets);
    Keys s(sources);
    Keys t(hold.release());
    return EdgeKeys{std::move(s), std::move(t)};
}

// Column names and arrays in the C form, borrowing from the Columns.
struct Ccolumns {
    explicit Ccolumns(const Columns &columns) {
        for (const Column &c : columns) {
            names.push_back({reinterpret_cast<const uint8_t *>(c.name.data()), c.name.size()});
            arrays.push_back(c.values.handle());
        }
    }
    std::vector<gr_buf> names;
    std::vector<const gr_array *> arrays;
};

// Sparse batch attributes in the C form: unique names, and per entry its item, the index
// of its name and its value (borrowing from the ItemAttrs).
struct Centries {
    explicit Centries(const std::vector<ItemAttr> &attrs) {
        std::unordered_map<std::string_view, uint32_t> index;
        for (const ItemAttr &a : attrs) {
            if (a.item > UINT32_MAX) {
                throw std::out_of_range("groggy: a batch attribute's item index is over 2^32");
            }
            auto found = index.emplace(a.name, static_cast<uint32_t>(names.size()));
            if (found.second) {
                names.push_back({reinterpret_cast<const uint8_t *>(a.name.data()), a.name.size()});
            }
            items.push_back(static_cast<uint32_t>(a.item));
            name_ids.push_back(found.first->second);
            values.push_back(a.value.c_value());
        }
    }
    std::vector<gr_buf> names;
    std::vector<uint32_t> items;
    std::vector<uint32_t> name_ids;
    std::vector<gr_attr_value> values;
};

inline void same_length(size_t a, size_t b, const char *what) {
    if (a != b) throw std::invalid_argument(std::string("groggy::Graph::") + what +
                                            ": sources and targets differ in length");
}

inline gr_graph *read_edgelist_call(std::string_view path, const EdgelistOptions &o,
                                    const gr_cancel *cancel) {
    gr_edgelist_options c;
    check(gr_edgelist_options_init(&c, GR_EDGELIST_OPTIONS_VERSION));
    c.directed = o.directed;
    c.comments = o.comments.data();
    c.comments_len = o.comments.size();
    c.delimiter = o.delimiter;
    c.keys = o.keys;
    c.header = o.header;
    ProgressContext ctx{o.progress, {}};
    if (o.progress) {
        c.progress = progress_trampoline;
        c.user_data = &ctx;
    }
    gr_graph *out = nullptr;
    gr_status status = gr_graph_read_edgelist(text_ptr(path), path.size(), &c, cancel, &out);
    // A graph is only written on success; a callback that threw after the last progress
    // report could not have stopped the read, so free it before rethrowing.
    Owned<gr_graph, gr_graph_free> hold(out);
    ctx.guard.check(status);
    return hold.release();
}
} // namespace detail

// ----- the graph -------------------------------------------------------------------------

class Graph {
public:
    explicit Graph(bool directed = false) {
        gr_graph *raw = nullptr;
        detail::check(gr_graph_new(directed, &raw));
        h_.reset(raw);
    }
    Graph(bool directed, const Pool &pool) {
        gr_graph *raw = nullptr;
        detail::check(gr_graph_new_in_pool(directed, pool.handle(), &raw));
        h_.reset(raw);
    }
    // Takes ownership of a graph made through the C API.
    static Graph adopt(gr_graph *owned) noexcept { return Graph(owned); }

    // A deep copy (the handle itself is move-only).
    Graph copy() const { return Graph(out_graph(gr_graph_copy, g())); }

    // --- structure
    void add_node(const Key &k, Attrs attrs = {}) {
        Cattrs c(attrs);
        detail::check(gr_graph_add_node(g(), k.c_int(), k.c_ptr(), k.c_len(), c.names.data(),
                                        c.values.data(), c.names.size()));
    }
    // Creates missing endpoints; updates the attributes of an existing edge.
    void add_edge(const Key &u, const Key &v, Attrs attrs = {}) {
        Cattrs c(attrs);
        detail::check(gr_graph_add_edge(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                        v.c_ptr(), v.c_len(), c.names.data(), c.values.data(),
                                        c.names.size()));
    }
    void remove_node(const Key &k) {
        detail::check(gr_graph_remove_node(g(), k.c_int(), k.c_ptr(), k.c_len()));
    }

    // --- batches: all or nothing (a bad argument changes nothing)
    // Adds (or updates) the nodes `keys`, with sparse attributes.
    void add_nodes(const KeyArray &keys, const std::vector<ItemAttr> &attrs = {}) {
        detail::Centries c(attrs);
        detail::check(gr_graph_add_nodes(g(), keys.c_kinds(), keys.c_ints(), keys.c_str_data(),
                                         keys.c_str_len(), keys.c_offsets(), keys.size(),
                                         c.names.data(), c.names.size(), c.items.data(),
                                         c.name_ids.data(), c.values.data(), c.values.size()));
    }
    // Adds (or updates) the edges sources[i] -> targets[i], with sparse attributes.
    void add_edges(const KeyArray &sources, const KeyArray &targets,
                   const std::vector<ItemAttr> &attrs = {}) {
        detail::same_length(sources.size(), targets.size(), "add_edges");
        detail::Centries c(attrs);
        detail::check(gr_graph_add_edges(
            g(), sources.c_kinds(), sources.c_ints(), sources.c_str_data(), sources.c_str_len(),
            sources.c_offsets(), targets.c_kinds(), targets.c_ints(), targets.c_str_data(),
            targets.c_str_len(), targets.c_offsets(), sources.size(), c.names.data(),
            c.names.size(), c.items.data(), c.name_ids.data(), c.values.data(),
            c.values.size()));
    }
    // The fast path for int keys: edges sources[i] -> targets[i] with attribute columns of
    // one value per edge.
    void add_edges_int(const std::vector<int64_t> &sources, const std::vector<int64_t> &targets,
                       const Columns &columns = {}) {
        detail::same_length(sources.size(), targets.size(), "add_edges_int");
        detail::Ccolumns c(columns);
        detail::check(gr_graph_add_edges_int(g(), sources.data(), targets.data(), sources.size(),
                                             c.names.data(), c.arrays.data(), c.arrays.size()));
    }
    // As add_edges_int, for keys of any kind.
    void add_edges_columns(const KeyArray &sources, const KeyArray &targets,
                           const Columns &columns = {}) {
        detail::same_length(sources.size(), targets.size(), "add_edges_columns");
        detail::Ccolumns c(columns);
        detail::check(gr_graph_add_edges_columns(
            g(), sources.c_kinds(), sources.c_ints(), sources.c_str_data(), sources.c_str_len(),
            sources.c_offsets(), targets.c_kinds(), targets.c_ints(), targets.c_str_data(),
            targets.c_str_len(), targets.c_offsets(), sources.size(), c.names.data(),
            c.arrays.data(), c.arrays.size()));
    }
    // Adds (or updates) the nodes `keys` with attribute columns of one value per node.
    void add_nodes_columns(const KeyArray &keys, const Columns &columns = {}) {
        detail::Ccolumns c(columns);
        detail::check(gr_graph_add_nodes_columns(g(), keys.c_kinds(), keys.c_ints(),
                                                 keys.c_str_data(), keys.c_str_len(),
                                                 keys.c_offsets(), keys.size(), c.names.data(),
                                                 c.arrays.data(), c.arrays.size()));
    }
    void remove_edge(const Key &u, const Key &v) {
        detail::check(gr_graph_remove_edge(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                           v.c_ptr(), v.c_len()));
    }
    bool has_node(const Key &k) const {
        bool found = false;
        detail::check(gr_graph_has_node(g(), k.c_int(), k.c_ptr(), k.c_len(), &found));
        return found;
    }
    bool has_edge(const Key &u, const Key &v) const {
        bool found = false;
        detail::check(gr_graph_has_edge(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                        v.c_ptr(), v.c_len(), &found));
        return found;
    }
    size_t degree(const Key &k) const {
        size_t d = 0;
        detail::check(gr_graph_degree(g(), k.c_int(), k.c_ptr(), k.c_len(), &d));
        return d;
    }
    Keys neighbors(const Key &k) const {
        gr_keys *out = nullptr;
        detail::check(gr_graph_neighbors(g(), k.c_int(), k.c_ptr(), k.c_len(), &out));
        return Keys(out);
    }
    Keys nodes() const {
        gr_keys *out = nullptr;
        detail::check(gr_graph_nodes(g(), &out));
        return Keys(out);
    }
    // Every edge, in insertion order.
    EdgeKeys edges() const {
        gr_keys *sources = nullptr;
        gr_keys *targets = nullptr;
        detail::check(gr_graph_edges(g(), &sources, &targets));
        return detail::edge_keys(sources, targets);
    }

    // --- filters, in node / edge order. An exception the predicate throws stops the filter
    // and is rethrown from here; the library never sees it.
    Keys filter_nodes(const NodePredicate &keep) const {
        detail::NodeFilterContext ctx{keep, {}};
        gr_keys *out = nullptr;
        gr_status status = gr_graph_filter_nodes(g(), detail::node_trampoline, &ctx, &out);
        detail::Owned<gr_keys, gr_keys_free> hold(out);
        ctx.guard.check(status);
        return Keys(hold.release());
    }
    EdgeKeys filter_edges(const EdgePredicate &keep) const {
        detail::EdgeFilterContext ctx{keep, {}};
        gr_keys *sources = nullptr;
        gr_keys *targets = nullptr;
        gr_status status =
            gr_graph_filter_edges(g(), detail::edge_trampoline, &ctx, &sources, &targets);
        detail::Owned<gr_keys, gr_keys_free> hold_s(sources);
        detail::Owned<gr_keys, gr_keys_free> hold_t(targets);
        ctx.guard.check(status);
        return detail::edge_keys(hold_s.release(), hold_t.release());
    }
    // The query language of gr_graph_filter_nodes_query: `age > 30 AND club == 'Blue'`.
    Keys filter_nodes_query(std::string_view query) const {
        gr_keys *out = nullptr;
        detail::check(
            gr_graph_filter_nodes_query(g(), detail::text_ptr(query), query.size(), &out));
        return Keys(out);
    }
    EdgeKeys filter_edges_query(std::string_view query) const {
        gr_keys *sources = nullptr;
        gr_keys *targets = nullptr;
        detail::check(gr_graph_filter_edges_query(g(), detail::text_ptr(query), query.size(),
                                                  &sources, &targets));
        return detail::edge_keys(sources, targets);
    }
    size_t node_count() const { return count(gr_graph_node_count); }
    size_t edge_count() const { return count(gr_graph_edge_count); }
    bool is_directed() const {
        bool d = false;
        detail::check(gr_graph_is_directed(g(), &d));
        return d;
    }

    // --- attributes: absent is std::nullopt; an attribute set to null is a null Value
    void set_node_attr(const Key &k, std::string_view name, const Value &value) {
        gr_attr_value c = value.c_value();
        detail::check(gr_graph_set_node_attr(g(), k.c_int(), k.c_ptr(), k.c_len(),
                                             detail::text_ptr(name), name.size(), &c));
    }
    std::optional<Value> node_attr(const Key &k, std::string_view name) const {
        gr_attr_value out{};
        bool found = false;
        detail::check(gr_graph_get_node_attr(g(), k.c_int(), k.c_ptr(), k.c_len(),
                                             detail::text_ptr(name), name.size(), &out, &found));
        return found ? std::optional<Value>(Value::take(out)) : std::nullopt;
    }
    void remove_node_attr(const Key &k, std::string_view name) {
        detail::check(gr_graph_remove_node_attr(g(), k.c_int(), k.c_ptr(), k.c_len(),
                                                detail::text_ptr(name), name.size()));
    }
    void set_edge_attr(const Key &u, const Key &v, std::string_view name, const Value &value) {
        gr_attr_value c = value.c_value();
        detail::check(gr_graph_set_edge_attr(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                             v.c_ptr(), v.c_len(), detail::text_ptr(name),
                                             name.size(), &c));
    }
    std::optional<Value> edge_attr(const Key &u, const Key &v, std::string_view name) const {
        gr_attr_value out{};
        bool found = false;
        detail::check(gr_graph_get_edge_attr(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                             v.c_ptr(), v.c_len(), detail::text_ptr(name),
                                             name.size(), &out, &found));
        return found ? std::optional<Value>(Value::take(out)) : std::nullopt;
    }
    void remove_edge_attr(const Key &u, const Key &v, std::string_view name) {
        detail::check(gr_graph_remove_edge_attr(g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(),
                                                v.c_ptr(), v.c_len(), detail::text_ptr(name),
                                                name.size()));
    }

    // --- algorithms (each takes an optional Cancel)
    NodeMap<double> pagerank(const PagerankOptions &options = {},
                             const Cancel *cancel = nullptr) const {
        gr_keys *keys = nullptr;
        gr_array *scores = nullptr;
        detail::pagerank_call(g(), options, detail::cancel_ptr(cancel), &keys, &scores);
        return two<NodeMap<double>>(keys, scores);
    }
    // Breadth-first order from source, at most depth_limit hops (negative: no limit).
    Keys bfs(const Key &source, int64_t depth_limit = -1, const Cancel *cancel = nullptr) const {
        gr_keys *out = nullptr;
        detail::check(gr_graph_bfs(g(), source.c_int(), source.c_ptr(), source.c_len(),
                                   depth_limit, detail::cancel_ptr(cancel), &out));
        return Keys(out);
    }
    // Depth-first preorder from source, at most depth_limit hops deep (negative: no limit).
    Keys dfs(const Key &source, int64_t depth_limit = -1, const Cancel *cancel = nullptr) const {
        gr_keys *out = nullptr;
        detail::check(gr_graph_dfs(g(), source.c_int(), source.c_ptr(), source.c_len(),
                                   depth_limit, detail::cancel_ptr(cancel), &out));
        return Keys(out);
    }
    // The keys along a shortest path (fewest edges, or least total `weight`); throws
    // GR_STATUS_NO_PATH when v cannot be reached.
    Keys shortest_path(const Key &u, const Key &v, std::string_view weight = {},
                       const Cancel *cancel = nullptr) const {
        gr_keys *out = nullptr;
        detail::check(gr_graph_shortest_path(
            g(), u.c_int(), u.c_ptr(), u.c_len(), v.c_int(), v.c_ptr(), v.c_len(),
            weight.empty() ? nullptr : weight.data(), weight.size(), detail::cancel_ptr(cancel),
            &out));
        return Keys(out);
    }
    // Weak components when directed.
    Components connected_components(const Cancel *cancel = nullptr) const {
        gr_keys *keys = nullptr;
        gr_array *sizes = nullptr;
        detail::check(
            gr_graph_connected_components(g(), detail::cancel_ptr(cancel), &keys, &sizes));
        return two<Components>(keys, sizes);
    }

    // --- files
    void save(std::string_view path) const {
        detail::check(gr_graph_save(g(), detail::text_ptr(path), path.size()));
    }
    static Graph load(std::string_view path) {
        gr_graph *out = nullptr;
        detail::check(gr_graph_load(detail::text_ptr(path), path.size(), &out));
        return Graph(out);
    }
    // The native format in memory (what save writes to a file).
    Buffer save_buffer() const {
        gr_buffer *out = nullptr;
        detail::check(gr_graph_save_buffer(g(), &out));
        return Buffer(out);
    }
    // A graph from bytes in the native format, checked as load checks a file.
    static Graph load_buffer(const uint8_t *data, size_t len) {
        gr_graph *out = nullptr;
        detail::check(gr_graph_load_buffer(data, len, &out));
        return Graph(out);
    }
    static Graph load_buffer(const Buffer &buffer) {
        return load_buffer(buffer.data(), buffer.size());
    }
    static Graph load_buffer(const Bytes &bytes) { return load_buffer(bytes.data(), bytes.size()); }
    // `u v [weight]` lines; a third column becomes the edge attribute "weight". The
    // options' progress callback may stop it (Error GR_STATUS_CALLBACK), and so may cancel
    // (GR_STATUS_CANCELLED); an exception the callback throws is rethrown from here.
    static Graph read_edgelist(std::string_view path, const EdgelistOptions &options = {},
                               const Cancel *cancel = nullptr) {
        return Graph(detail::read_edgelist_call(path, options, detail::cancel_ptr(cancel)));
    }
    void write_edgelist(std::string_view path, char delimiter = ' ') const {
        detail::check(gr_graph_write_edgelist(g(), detail::text_ptr(path), path.size(),
                                              static_cast<unsigned char>(delimiter)));
    }

    // The C handle, for calls this class does not wrap (NULL after a move).
    gr_graph *handle() const noexcept { return h_.get(); }

private:
    explicit Graph(gr_graph *owned) noexcept : h_(owned) {}
    gr_graph *g() const noexcept { return h_.get(); }

    size_t count(gr_status (*f)(const gr_graph *, size_t *)) const {
        size_t n = 0;
        detail::check(f(g(), &n));
        return n;
    }
    static gr_graph *out_graph(gr_status (*f)(const gr_graph *, gr_graph **), const gr_graph *g) {
        gr_graph *out = nullptr;
        detail::check(f(g, &out));
        return out;
    }
    // Owns both outputs at once, so neither leaks if wrapping the other throws.
    template <class R> static R two(gr_keys *keys, gr_array *values) {
        detail::Owned<gr_keys, gr_keys_free> hold(keys);
        Array a(values);
        Keys k(hold.release());
        return R(std::move(k), std::move(a));
    }

    // Attributes in the C form: names and values borrow from the Attrs list.
    struct Cattrs {
        explicit Cattrs(Attrs attrs) {
            for (const Attr &a : attrs) {
                const uint8_t *p = reinterpret_cast<const uint8_t *>(a.name.data());
                names.push_back({p, a.name.size()});
                values.push_back(a.value.c_value());
            }
        }
        std::vector<gr_buf> names;
        std::vector<gr_attr_value> values;
    };

    detail::Owned<gr_graph, gr_graph_free> h_;
};

inline const char *version() noexcept { return gr_version(); }

} // namespace groggy

#endif // GROGGY_HPP
