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
 * std::string_view: a Key read from a result (Keys, NodeMap, EdgeMap, Components) is valid
 * while that result lives.
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

// Keys with a weight each, for the options that take one per node: PageRank's
// personalization, Katz's beta. The keys are copied, so it may outlive the strings it
// was made from.
class NodeWeights {
public:
    NodeWeights() = default;
    NodeWeights(std::initializer_list<Weighted> entries) {
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
// PageRank's personalization (teleport and dangling) weights, by the name the class had
// before Katz's beta shared it; keys not in the graph are ignored.
using Personalization = NodeWeights;

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

    // The C form, as a key array argument takes it (see KeyArray), borrowed from the
    // handle: kinds, string bytes and offsets are NULL when every key is an int.
    const uint8_t *c_kinds() const noexcept { return kinds_; }
    const int64_t *c_ints() const noexcept { return ints_; }
    const uint8_t *c_str_data() const noexcept { return str_data_; }
    size_t c_str_len() const noexcept { return offsets_ ? offsets_[len_] : 0; }
    const size_t *c_offsets() const noexcept { return offsets_; }

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

    // Fills the Arrow C Data Interface structs (the caller releases both): numeric values
    // are not copied, and stay valid after this Array is gone.
    void export_arrow(ArrowArray *out_array, ArrowSchema *out_schema) const {
        detail::check(gr_array_export_arrow(h_.get(), out_array, out_schema));
    }
    // A copy of an Arrow array (the caller keeps and releases the structs).
    static Array from_arrow(const ArrowArray &array, const ArrowSchema &schema) {
        gr_array *out = nullptr;
        detail::check(gr_array_from_arrow(&array, &schema, &out));
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

// Edges with one number each, as edge algorithms return them: edge i is
// source(i) -> target(i), with value(i).
template <class T> class EdgeMap {
public:
    EdgeMap(EdgeKeys edges, Array values)
        : edges_(std::move(edges)), values_(std::move(values)), data_(values_.data<T>()) {}

    size_t size() const noexcept { return edges_.size(); }
    Key source(size_t i) const noexcept { return edges_.sources[i]; }
    Key target(size_t i) const noexcept { return edges_.targets[i]; }
    T value(size_t i) const noexcept { return data_[i]; }
    const EdgeKeys &edges() const noexcept { return edges_; }

private:
    EdgeKeys edges_;
    Array values_;
    const T *data_;
};

// HITS scores: each node's hub and authority score.
struct Hits {
    NodeMap<double> hubs;
    NodeMap<double> authorities;
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

struct KatzOptions {
    double alpha = 0.1; // the attenuation factor
    double beta = 1.0;  // what every node gets of its own
    NodeWeights betas;  // a beta per node instead (every node, no other key); empty: none
    size_t max_iter = 1000;
    double tol = 1e-6;
    bool normalized = true; // scale to unit Euclidean norm
    std::string weight;     // an edge attribute; empty: every edge weighs 1
};

struct BetweennessOptions {
    std::optional<size_t> k; // estimate from k sampled sources; none: every node is one
    bool normalized = true;
    std::string weight;           // non-negative edge weights; empty: every edge weighs 1
    bool endpoints = false;       // count each path's endpoints too (node betweenness only)
    std::optional<uint64_t> seed; // the sample's seed; none: a fresh one
};

// How modularity weighs a partition; Louvain optimises that same modularity.
struct ModularityOptions {
    std::string weight;      // an edge attribute; empty: "weight" if some edge has it, else 1
    bool unweighted = false; // every edge weighs 1, whatever `weight` says
    double resolution = 1.0; // above 1 favours smaller communities, below 1 larger ones
};

struct LouvainOptions : ModularityOptions {
    double threshold = 1e-7;      // stop when a level gains at most this much modularity
    std::optional<uint64_t> seed; // the order of the moves; none: a fresh seed
};

struct RmatOptions {
    int64_t edge_factor = 16; // edges drawn per node
    double a = 0.57;          // the probabilities of the top-left, top-right and
    double b = 0.19;          // bottom-left quadrants (bottom-right has the rest)
    double c = 0.19;
    bool directed = true;
    std::optional<uint64_t> seed; // none: a fresh one
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

// An optional name (an edge attribute) as the C API takes it: empty is NULL, read as none.
inline const char *optional_text(std::string_view s) noexcept {
    return s.empty() ? nullptr : s.data();
}

// The one place each C options struct is filled from the C++ one: the C struct is
// initialised first (at this header's version), so fields a later header adds keep their
// defaults. The result borrows o's strings and arrays: o must outlive the call.
inline gr_pagerank_options c_options(const PagerankOptions &o) {
    gr_pagerank_options c;
    check(gr_pagerank_options_init(&c, GR_PAGERANK_OPTIONS_VERSION));
    c.alpha = o.alpha;
    c.max_iter = o.max_iter;
    c.tol = o.tol;
    c.weight = optional_text(o.weight);
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
    return c;
}

inline gr_katz_options c_options(const KatzOptions &o) {
    gr_katz_options c;
    check(gr_katz_options_init(&c, GR_KATZ_OPTIONS_VERSION));
    c.alpha = o.alpha;
    c.beta = o.beta;
    c.max_iter = o.max_iter;
    c.tol = o.tol;
    c.normalized = o.normalized;
    c.weight = optional_text(o.weight);
    c.weight_len = o.weight.size();
    if (!o.betas.empty()) {
        const KeyArray &k = o.betas.keys();
        c.beta_kinds = k.c_kinds();
        c.beta_ints = k.c_ints();
        c.beta_str_data = k.c_str_data();
        c.beta_str_data_len = k.c_str_len();
        c.beta_str_offsets = k.c_offsets();
        c.beta_values = o.betas.weights().data();
        c.n_beta = k.size();
    }
    return c;
}

inline gr_betweenness_options c_options(const BetweennessOptions &o) {
    gr_betweenness_options c;
    check(gr_betweenness_options_init(&c, GR_BETWEENNESS_OPTIONS_VERSION));
    c.sampled = o.k.has_value();
    c.k = o.k.value_or(0);
    c.normalized = o.normalized;
    c.weight = optional_text(o.weight);
    c.weight_len = o.weight.size();
    c.endpoints = o.endpoints;
    c.seeded = o.seed.has_value();
    c.seed = o.seed.value_or(0);
    return c;
}

inline gr_louvain_options c_options(const LouvainOptions &o) {
    gr_louvain_options c;
    check(gr_louvain_options_init(&c, GR_LOUVAIN_OPTIONS_VERSION));
    c.weight = optional_text(o.weight);
    c.weight_len = o.weight.size();
    c.unweighted = o.unweighted;
    c.resolution = o.resolution;
    c.threshold = o.threshold;
    c.seeded = o.seed.has_value();
    c.seed = o.seed.value_or(0);
    return c;
}

inline gr_rmat_options c_options(const RmatOptions &o) {
    gr_rmat_options c;
    check(gr_rmat_options_init(&c, GR_RMAT_OPTIONS_VERSION));
    c.edge_factor = o.edge_factor;
    c.a = o.a;
    c.b = o.b;
    c.c = o.c;
    c.directed = o.directed;
    c.seeded = o.seed.has_value();
    c.seed = o.seed.value_or(0);
    return c;
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

// Node keys with one value each, as R (NodeMap, Components). Owns both outputs at once,
// so neither leaks if wrapping the other throws.
template <class R> R keyed(gr_keys *keys, gr_array *values) {
    Owned<gr_keys, gr_keys_free> hold(keys);
    Array a(values);
    Keys k(hold.release());
    return R(std::move(k), std::move(a));
}

// The calling conventions of groggy.h, one helper each: call f(args..., outputs), throw
// Error if it fails, and wrap what it wrote out.

// One value (a flag, a count, a score).
template <class T, class F, class... A> T out_value(F f, A... args) {
    T out{};
    check(f(args..., &out));
    return out;
}
// A key list.
template <class F, class... A> Keys out_keys(F f, A... args) {
    gr_keys *out = nullptr;
    check(f(args..., &out));
    return Keys(out);
}
// Edges, as two key lists.
template <class F, class... A> EdgeKeys out_edges(F f, A... args) {
    gr_keys *sources = nullptr;
    gr_keys *targets = nullptr;
    check(f(args..., &sources, &targets));
    return edge_keys(sources, targets);
}
// Node keys with one value each, as R (NodeMap, Components).
template <class R, class F, class... A> R out_keyed(F f, A... args) {
    gr_keys *keys = nullptr;
    gr_array *values = nullptr;
    check(f(args..., &keys, &values));
    return keyed<R>(keys, values);
}
// A new graph, for the caller to own (Graph is defined below).
template <class F, class... A> gr_graph *out_graph(F f, A... args) {
    gr_graph *out = nullptr;
    check(f(args..., &out));
    return out;
}

// gr_graph_modularity of a partition: keys (a KeyArray, or a Keys list in its C form)
// and each one's community number.
template <class K>
double modularity_call(const gr_graph *g, const K &keys, const std::vector<uint64_t> &community,
                       const ModularityOptions &o, const gr_cancel *cancel) {
    return out_value<double>(gr_graph_modularity, g, keys.size(), keys.c_kinds(), keys.c_ints(),
                             keys.c_str_data(), keys.c_str_len(), keys.c_offsets(),
                             community.data(), optional_text(o.weight), o.weight.size(),
                             o.unweighted, o.resolution, cancel);
}

// Column names and arrays in the C form, borrowing from the Columns.
// Strings as the C calls take them (borrowing from `strings`).
inline std::vector<gr_buf> bufs(const std::vector<std::string> &strings) {
    std::vector<gr_buf> out;
    for (const std::string &s : strings) {
        out.push_back({reinterpret_cast<const uint8_t *>(s.data()), s.size()});
    }
    return out;
}

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
    Graph copy() const { return Graph(detail::out_graph(gr_graph_copy, g())); }

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
    // Edges from neighbour lists by node position: the list of the node at position p is
    // out_neighbours[out_offsets[p] .. out_offsets[p + 1]], with one column value per list
    // entry. Every node keeps the order of its list, and in a directed graph the order of
    // its in list (in_offsets and in_neighbours, as many lists; empty for none).
    void add_adjacency(const std::vector<size_t> &out_offsets,
                       const std::vector<uint32_t> &out_neighbours, const Columns &columns = {},
                       const std::vector<size_t> &in_offsets = {},
                       const std::vector<uint32_t> &in_neighbours = {}) {
        static const size_t no_lists[1] = {0};
        size_t n_lists = out_offsets.empty() ? 0 : out_offsets.size() - 1;
        bool with_in = !in_offsets.empty();
        if (with_in && in_offsets.size() != out_offsets.size())
            throw std::invalid_argument(
                "groggy::Graph::add_adjacency: in and out lists differ in number");
        detail::Ccolumns c(columns);
        detail::check(gr_graph_add_adjacency(
            g(), n_lists, out_offsets.empty() ? no_lists : out_offsets.data(),
            out_neighbours.data(), out_neighbours.size(), with_in ? in_offsets.data() : nullptr,
            with_in ? in_neighbours.data() : nullptr, with_in ? in_neighbours.size() : 0,
            c.names.data(), c.arrays.data(), c.arrays.size()));
    }
    // The node table as an Arrow stream of one record batch (the caller releases it): the
    // keys, then the attributes `attrs`; `fields` names the key column and each attribute.
    void node_table_arrow(const std::vector<std::string> &attrs,
                          const std::vector<std::string> &fields, ArrowArrayStream *out) const {
        std::vector<gr_buf> a = detail::bufs(attrs), f = detail::bufs(fields);
        detail::check(gr_graph_node_table_arrow(g(), a.data(), a.size(), f.data(), f.size(), out));
    }
    // The edge table, as node_table_arrow: `fields` names the source, target and attributes.
    void edge_table_arrow(const std::vector<std::string> &attrs,
                          const std::vector<std::string> &fields, ArrowArrayStream *out) const {
        std::vector<gr_buf> a = detail::bufs(attrs), f = detail::bufs(fields);
        detail::check(gr_graph_edge_table_arrow(g(), a.data(), a.size(), f.data(), f.size(), out));
    }
    // Adds the edges of an Arrow stream of record batches (read to its end; the caller
    // releases it): key columns `source` and `target`, every other column an attribute.
    void add_edges_arrow(ArrowArrayStream *stream, std::string_view source = "source",
                         std::string_view target = "target") {
        detail::check(gr_graph_add_edges_arrow(g(), stream, nullptr, nullptr, source.data(),
                                               source.size(), target.data(), target.size()));
    }
    // Adds (or updates) the nodes of an Arrow stream, keys in the column `key`.
    void add_nodes_arrow(ArrowArrayStream *stream, std::string_view key = "key") {
        detail::check(
            gr_graph_add_nodes_arrow(g(), stream, nullptr, nullptr, key.data(), key.size()));
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
        return detail::out_value<bool>(gr_graph_has_node, g(), k.c_int(), k.c_ptr(), k.c_len());
    }
    bool has_edge(const Key &u, const Key &v) const {
        return detail::out_value<bool>(gr_graph_has_edge, g(), u.c_int(), u.c_ptr(), u.c_len(),
                                       v.c_int(), v.c_ptr(), v.c_len());
    }
    size_t degree(const Key &k) const {
        return detail::out_value<size_t>(gr_graph_degree, g(), k.c_int(), k.c_ptr(), k.c_len());
    }
    Keys neighbors(const Key &k) const {
        return detail::out_keys(gr_graph_neighbors, g(), k.c_int(), k.c_ptr(), k.c_len());
    }
    Keys nodes() const { return detail::out_keys(gr_graph_nodes, g()); }
    // Every edge, in insertion order.
    EdgeKeys edges() const { return detail::out_edges(gr_graph_edges, g()); }

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
        return detail::out_keys(gr_graph_filter_nodes_query, g(), detail::text_ptr(query),
                                query.size());
    }
    EdgeKeys filter_edges_query(std::string_view query) const {
        return detail::out_edges(gr_graph_filter_edges_query, g(), detail::text_ptr(query),
                                 query.size());
    }
    size_t node_count() const { return detail::out_value<size_t>(gr_graph_node_count, g()); }
    size_t edge_count() const { return detail::out_value<size_t>(gr_graph_edge_count, g()); }
    bool is_directed() const { return detail::out_value<bool>(gr_graph_is_directed, g()); }

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

    // --- algorithms (each takes an optional Cancel), as networkx's of the same names
    // Traversal and paths.
    // Breadth-first order from source, at most depth_limit hops (negative: no limit).
    Keys bfs(const Key &source, int64_t depth_limit = -1, const Cancel *cancel = nullptr) const {
        return detail::out_keys(gr_graph_bfs, g(), source.c_int(), source.c_ptr(),
                                source.c_len(), depth_limit, detail::cancel_ptr(cancel));
    }
    // Depth-first preorder from source, at most depth_limit hops deep (negative: no limit).
    Keys dfs(const Key &source, int64_t depth_limit = -1, const Cancel *cancel = nullptr) const {
        return detail::out_keys(gr_graph_dfs, g(), source.c_int(), source.c_ptr(),
                                source.c_len(), depth_limit, detail::cancel_ptr(cancel));
    }
    // The keys along a shortest path (fewest edges, or least total `weight`); throws
    // GR_STATUS_NO_PATH when v cannot be reached.
    Keys shortest_path(const Key &u, const Key &v, std::string_view weight = {},
                       const Cancel *cancel = nullptr) const {
        return detail::out_keys(gr_graph_shortest_path, g(), u.c_int(), u.c_ptr(), u.c_len(),
                                v.c_int(), v.c_ptr(), v.c_len(), detail::optional_text(weight),
                                weight.size(), detail::cancel_ptr(cancel));
    }
    // The number of edges on a shortest path from source to each node it reaches, in
    // visit order.
    NodeMap<int64_t> shortest_path_lengths(const Key &source,
                                           const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<int64_t>>(
            gr_graph_shortest_path_lengths, g(), source.c_int(), source.c_ptr(), source.c_len(),
            nullptr, size_t(0), detail::cancel_ptr(cancel));
    }
    // The least total `weight` (an edge attribute, which some edge must have) of a path
    // from source to each node it reaches, in visit order.
    NodeMap<double> weighted_shortest_path_lengths(const Key &source, std::string_view weight,
                                                   const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(
            gr_graph_shortest_path_lengths, g(), source.c_int(), source.c_ptr(), source.c_len(),
            detail::text_ptr(weight), weight.size(), detail::cancel_ptr(cancel));
    }
    // Whether a path (along the edges when directed) leads from u to v.
    bool has_path(const Key &u, const Key &v, const Cancel *cancel = nullptr) const {
        return detail::out_value<bool>(gr_graph_has_path, g(), u.c_int(), u.c_ptr(), u.c_len(),
                                       v.c_int(), v.c_ptr(), v.c_len(),
                                       detail::cancel_ptr(cancel));
    }

    // Connectivity.
    // Weak components when directed.
    Components connected_components(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<Components>(gr_graph_connected_components, g(),
                                             detail::cancel_ptr(cancel));
    }
    // Directed graphs only (else GR_STATUS_INVALID_OPERATION).
    Components strongly_connected_components(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<Components>(gr_graph_strongly_connected_components, g(),
                                             detail::cancel_ptr(cancel));
    }
    // Each node's component, numbered as connected_components orders them.
    NodeMap<int64_t> component_labels(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<int64_t>>(gr_graph_component_labels, g(),
                                                   detail::cancel_ptr(cancel));
    }
    // Undirected graphs with nodes only (else GR_STATUS_INVALID_OPERATION).
    bool is_connected(const Cancel *cancel = nullptr) const {
        return detail::out_value<bool>(gr_graph_is_connected, g(), detail::cancel_ptr(cancel));
    }
    // Undirected graphs only (else GR_STATUS_INVALID_OPERATION).
    size_t number_connected_components(const Cancel *cancel = nullptr) const {
        return detail::out_value<size_t>(gr_graph_number_connected_components, g(),
                                         detail::cancel_ptr(cancel));
    }
    // Directed graphs with nodes only (else GR_STATUS_INVALID_OPERATION).
    bool is_strongly_connected(const Cancel *cancel = nullptr) const {
        return detail::out_value<bool>(gr_graph_is_strongly_connected, g(),
                                       detail::cancel_ptr(cancel));
    }

    // Centrality (every node, in node order).
    NodeMap<double> pagerank(const PagerankOptions &options = {},
                             const Cancel *cancel = nullptr) const {
        gr_pagerank_options c = detail::c_options(options);
        return detail::out_keyed<NodeMap<double>>(gr_graph_pagerank, g(), &c,
                                                  detail::cancel_ptr(cancel));
    }
    // Degree over n - 1 (in + out when directed).
    NodeMap<double> degree_centrality(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(gr_graph_degree_centrality, g(),
                                                  detail::cancel_ptr(cancel));
    }
    // Directed graphs only (else GR_STATUS_INVALID_OPERATION), as out_degree_centrality.
    NodeMap<double> in_degree_centrality(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(gr_graph_in_degree_centrality, g(),
                                                  detail::cancel_ptr(cancel));
    }
    NodeMap<double> out_degree_centrality(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(gr_graph_out_degree_centrality, g(),
                                                  detail::cancel_ptr(cancel));
    }
    // Power iteration to unit Euclidean norm; GR_STATUS_ALGORITHM without convergence in
    // max_iter steps. `weight`: an edge attribute; empty: every edge weighs 1.
    NodeMap<double> eigenvector_centrality(size_t max_iter = 100, double tol = 1e-6,
                                           std::string_view weight = {},
                                           const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(
            gr_graph_eigenvector_centrality, g(), max_iter, tol, detail::optional_text(weight),
            weight.size(), detail::cancel_ptr(cancel));
    }
    NodeMap<double> katz_centrality(const KatzOptions &options = {},
                                    const Cancel *cancel = nullptr) const {
        gr_katz_options c = detail::c_options(options);
        return detail::out_keyed<NodeMap<double>>(gr_graph_katz_centrality, g(), &c,
                                                  detail::cancel_ptr(cancel));
    }
    // Hubs and authorities, weighted by the edge attribute "weight" when edges have it;
    // `normalized`: each sums to 1. GR_STATUS_ALGORITHM without convergence or edges.
    Hits hits(size_t max_iter = 100, double tol = 1e-8, bool normalized = true,
              const Cancel *cancel = nullptr) const {
        gr_keys *hub_keys = nullptr;
        gr_array *hubs = nullptr;
        gr_keys *authority_keys = nullptr;
        gr_array *authorities = nullptr;
        detail::check(gr_graph_hits(g(), max_iter, tol, normalized, detail::cancel_ptr(cancel),
                                    &hub_keys, &hubs, &authority_keys, &authorities));
        // The authorities are owned while the hubs are wrapped, in case that throws.
        detail::Owned<gr_keys, gr_keys_free> hold_keys(authority_keys);
        detail::Owned<gr_array, gr_array_free> hold_values(authorities);
        NodeMap<double> h = detail::keyed<NodeMap<double>>(hub_keys, hubs);
        return Hits{std::move(h),
                    detail::keyed<NodeMap<double>>(hold_keys.release(), hold_values.release())};
    }
    NodeMap<double> betweenness_centrality(const BetweennessOptions &options = {},
                                           const Cancel *cancel = nullptr) const {
        gr_betweenness_options c = detail::c_options(options);
        return detail::out_keyed<NodeMap<double>>(gr_graph_betweenness_centrality, g(), &c,
                                                  detail::cancel_ptr(cancel));
    }
    // Every edge's betweenness, the edges listed as networkx lists a graph built the same
    // way (each undirected edge once). options.endpoints is not used.
    EdgeMap<double> edge_betweenness_centrality(const BetweennessOptions &options = {},
                                                const Cancel *cancel = nullptr) const {
        gr_betweenness_options c = detail::c_options(options);
        gr_keys *sources = nullptr;
        gr_keys *targets = nullptr;
        gr_array *values = nullptr;
        detail::check(gr_graph_edge_betweenness_centrality(
            g(), &c, detail::cancel_ptr(cancel), &sources, &targets, &values));
        // The values are owned while the edges are wrapped, in case that throws.
        detail::Owned<gr_array, gr_array_free> hold(values);
        EdgeKeys edges = detail::edge_keys(sources, targets);
        return EdgeMap<double>(std::move(edges), Array(hold.release()));
    }
    // From the distances that reach each node; `weight`: an edge attribute of distances
    // (empty: 1 each); `wf_improved`: scaled by the share of nodes that reach it.
    NodeMap<double> closeness_centrality(std::string_view weight = {}, bool wf_improved = true,
                                         const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(
            gr_graph_closeness_centrality, g(), detail::optional_text(weight), weight.size(),
            wf_improved, detail::cancel_ptr(cancel));
    }
    // The sum of 1 / distance from every node that reaches each node; `weight` as above.
    NodeMap<double> harmonic_centrality(std::string_view weight = {},
                                        const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(gr_graph_harmonic_centrality, g(),
                                                  detail::optional_text(weight),
                                                  weight.size(), detail::cancel_ptr(cancel));
    }

    // Communities, largest first, each in node order.
    Components louvain_communities(const LouvainOptions &options = {},
                                   const Cancel *cancel = nullptr) const {
        gr_louvain_options c = detail::c_options(options);
        return detail::out_keyed<Components>(gr_graph_louvain_communities, g(), &c,
                                             detail::cancel_ptr(cancel));
    }
    // Semi-synchronous and deterministic; undirected graphs only.
    Components label_propagation_communities(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<Components>(gr_graph_label_propagation_communities, g(),
                                             detail::cancel_ptr(cancel));
    }
    // Asynchronous, in a random order (a seed: the same communities every time);
    // `weight`: an edge attribute, empty: every edge weighs 1.
    Components asyn_lpa_communities(std::string_view weight = {},
                                    std::optional<uint64_t> seed = std::nullopt,
                                    const Cancel *cancel = nullptr) const {
        return detail::out_keyed<Components>(
            gr_graph_asyn_lpa_communities, g(), detail::optional_text(weight), weight.size(),
            seed.has_value(), seed.value_or(0), detail::cancel_ptr(cancel));
    }
    // The modularity of a partition that holds every node once (else
    // GR_STATUS_INVALID_ARGUMENT): communities as the calls above return them ...
    double modularity(const Components &communities, const ModularityOptions &options = {},
                      const Cancel *cancel = nullptr) const {
        std::vector<uint64_t> number;
        for (size_t c = 0; c < communities.count(); ++c) {
            number.resize(number.size() + communities.size(c), c);
        }
        return detail::modularity_call(g(), communities.keys(), number, options,
                                       detail::cancel_ptr(cancel));
    }
    // ... or groups of keys: g.modularity({{1, 2, 3}, {4, 5}}).
    double modularity(const std::vector<KeyArray> &communities,
                      const ModularityOptions &options = {},
                      const Cancel *cancel = nullptr) const {
        KeyArray keys;
        std::vector<uint64_t> number;
        for (size_t c = 0; c < communities.size(); ++c) {
            for (size_t i = 0; i < communities[c].size(); ++i) keys.push_back(communities[c][i]);
            number.resize(keys.size(), c);
        }
        return detail::modularity_call(g(), keys, number, options, detail::cancel_ptr(cancel));
    }

    // Clustering and cores. Triangles and transitivity ignore self-loops; undirected
    // graphs only for triangles; cores refuse a graph with a self-loop.
    NodeMap<int64_t> triangles(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<int64_t>>(gr_graph_triangles, g(),
                                                   detail::cancel_ptr(cancel));
    }
    // `weight`: an edge attribute (empty: unweighted).
    NodeMap<double> clustering(std::string_view weight = {},
                               const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<double>>(gr_graph_clustering, g(),
                                                  detail::optional_text(weight), weight.size(),
                                                  detail::cancel_ptr(cancel));
    }
    // `count_zeros` false: over the nodes whose coefficient is not 0.
    double average_clustering(std::string_view weight = {}, bool count_zeros = true,
                              const Cancel *cancel = nullptr) const {
        return detail::out_value<double>(gr_graph_average_clustering, g(),
                                         detail::optional_text(weight), weight.size(),
                                         count_zeros, detail::cancel_ptr(cancel));
    }
    // 3 x triangles / connected triples.
    double transitivity(const Cancel *cancel = nullptr) const {
        return detail::out_value<double>(gr_graph_transitivity, g(), detail::cancel_ptr(cancel));
    }
    NodeMap<int64_t> core_number(const Cancel *cancel = nullptr) const {
        return detail::out_keyed<NodeMap<int64_t>>(gr_graph_core_number, g(),
                                                   detail::cancel_ptr(cancel));
    }
    // The subgraph of the nodes whose core number is at least k (none: the largest one),
    // with their attributes, in this graph's pool.
    Graph k_core(std::optional<int64_t> k = std::nullopt, const Cancel *cancel = nullptr) const {
        return Graph(detail::out_graph(gr_graph_k_core, g(), k.has_value(), k.value_or(0),
                                       detail::cancel_ptr(cancel)));
    }

    // DAGs and spanning trees.
    // Directed and without a cycle (a self-loop is one).
    bool is_directed_acyclic_graph(const Cancel *cancel = nullptr) const {
        return detail::out_value<bool>(gr_graph_is_directed_acyclic, g(),
                                       detail::cancel_ptr(cancel));
    }
    // Every node, sources first; GR_STATUS_INVALID_OPERATION when undirected or cyclic.
    Keys topological_sort(const Cancel *cancel = nullptr) const {
        return detail::out_keys(gr_graph_topological_sort, g(), detail::cancel_ptr(cancel));
    }
    // The edges of a minimum spanning forest of an undirected graph, in networkx's order.
    // `weight`: an edge attribute (edges without it weigh 1); "weight" when no edge has it,
    // or empty: every edge weighs 1.
    EdgeKeys minimum_spanning_edges(std::string_view weight = "weight",
                                    uint32_t algorithm = GR_SPANNING_KRUSKAL,
                                    const Cancel *cancel = nullptr) const {
        return detail::out_edges(gr_graph_minimum_spanning_edges, g(),
                                 detail::optional_text(weight), weight.size(), algorithm,
                                 detail::cancel_ptr(cancel));
    }
    // Every node and the edges minimum_spanning_edges gives, with their attributes.
    Graph minimum_spanning_tree(std::string_view weight = "weight",
                                uint32_t algorithm = GR_SPANNING_KRUSKAL,
                                const Cancel *cancel = nullptr) const {
        return Graph(detail::out_graph(gr_graph_minimum_spanning_tree, g(),
                                       detail::optional_text(weight), weight.size(), algorithm,
                                       detail::cancel_ptr(cancel)));
    }

    // --- files
    void save(std::string_view path) const {
        detail::check(gr_graph_save(g(), detail::text_ptr(path), path.size()));
    }
    static Graph load(std::string_view path) {
        return Graph(detail::out_graph(gr_graph_load, detail::text_ptr(path), path.size()));
    }
    // The native format in memory (what save writes to a file).
    Buffer save_buffer() const {
        gr_buffer *out = nullptr;
        detail::check(gr_graph_save_buffer(g(), &out));
        return Buffer(out);
    }
    // A graph from bytes in the native format, checked as load checks a file.
    static Graph load_buffer(const uint8_t *data, size_t len) {
        return Graph(detail::out_graph(gr_graph_load_buffer, data, len));
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

// ----- generators ------------------------------------------------------------------------

// Graphs built from a model, as networkx's generators of the same names: nodes are the
// int keys 0..n-1. The random ones take a seed (std::nullopt: a fresh one) and give the
// same graph for it on any thread count. A bad size or probability throws Error with
// GR_STATUS_INVALID_ARGUMENT.
namespace generators {
// G(n, p): each pair (ordered pair when directed) joined with probability p.
inline Graph erdos_renyi_graph(int64_t n, double p, std::optional<uint64_t> seed = std::nullopt,
                               bool directed = false, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_erdos_renyi, n, p, directed,
                                          seed.has_value(), seed.value_or(0),
                                          detail::cancel_ptr(cancel)));
}
// G(n, m): m distinct edges chosen uniformly (all of them when m is that many or more).
inline Graph gnm_random_graph(int64_t n, int64_t m, std::optional<uint64_t> seed = std::nullopt,
                              bool directed = false, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_gnm, n, m, directed, seed.has_value(),
                                          seed.value_or(0), detail::cancel_ptr(cancel)));
}
// Preferential attachment, m edges per new node: m * (n - m) edges; 1 <= m < n.
inline Graph barabasi_albert_graph(int64_t n, int64_t m,
                                   std::optional<uint64_t> seed = std::nullopt,
                                   const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_barabasi_albert, n, m, seed.has_value(),
                                          seed.value_or(0), detail::cancel_ptr(cancel)));
}
// A ring, each node joined to its k / 2 nearest on each side, each edge rewired with
// probability p; k <= n.
inline Graph watts_strogatz_graph(int64_t n, int64_t k, double p,
                                  std::optional<uint64_t> seed = std::nullopt,
                                  const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_watts_strogatz, n, k, p,
                                          seed.has_value(), seed.value_or(0),
                                          detail::cancel_ptr(cancel)));
}
// R-MAT, Graph500 style: 2^scale nodes (scale 0..31), about edge_factor of them edges.
inline Graph rmat_graph(int64_t scale, const RmatOptions &options = {},
                        const Cancel *cancel = nullptr) {
    gr_rmat_options c = detail::c_options(options);
    return Graph::adopt(
        detail::out_graph(gr_generate_rmat, scale, &c, detail::cancel_ptr(cancel)));
}
// Classic shapes (undirected).
inline Graph complete_graph(int64_t n, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_complete, n, detail::cancel_ptr(cancel)));
}
// The edges (i, i + 1).
inline Graph path_graph(int64_t n, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_path, n, detail::cancel_ptr(cancel)));
}
// The path closed by (n - 1, 0).
inline Graph cycle_graph(int64_t n, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_cycle, n, detail::cancel_ptr(cancel)));
}
// n + 1 nodes: the centre 0 joined to each of 1..n.
inline Graph star_graph(int64_t n, const Cancel *cancel = nullptr) {
    return Graph::adopt(detail::out_graph(gr_generate_star, n, detail::cancel_ptr(cancel)));
}
// m rows of n: the node in row i, column j is i * n + j.
inline Graph grid_2d_graph(int64_t m, int64_t n, const Cancel *cancel = nullptr) {
    return Graph::adopt(
        detail::out_graph(gr_generate_grid_2d, m, n, detail::cancel_ptr(cancel)));
}
} // namespace generators

} // namespace groggy

#endif // GROGGY_HPP
