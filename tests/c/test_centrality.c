/*
 * test_centrality.c: gr_graph_degree_centrality (and in/out), _eigenvector_centrality,
 * _katz_centrality with gr_katz_options, and gr_graph_hits: values networkx gives on small
 * graphs, weights, a beta per node (int and str keys), the graph kinds and empty graphs
 * networkx refuses, no convergence, bad arguments (outputs untouched), options versions and
 * a triggered cancellation token.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "graph_snapshot.h"
#include "algorithm_checks.h"

static const gr_status IO = GR_STATUS_INVALID_OPERATION;
static const gr_status ALG = GR_STATUS_ALGORITHM;

static void test_degree(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    /* Directed 1 -> 2, 1 -> 3, 3 -> 3: degrees 2, 1, 3 over n - 1 = 2. */
    static const int64_t d[] = {1, 2, 1, 3, 3, 3};
    /* Undirected 1 - 2, 2 - 3, 3 - 3: a self-loop counts twice. */
    static const int64_t u[] = {1, 2, 2, 3, 3, 3};
    gr_graph *g = graph_of(true, d, 3);
    gr_graph *ug = graph_of(false, u, 3);

    CHECK_OK(gr_graph_degree_centrality(g, NULL, &keys, &values));
    CHECK_KEYS(keys, "1,2,3");
    CHECK_F64S(values, 0.0, 1.0, 0.5, 1.5);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_in_degree_centrality(g, NULL, &keys, &values));
    CHECK_F64S(values, 0.0, 0.0, 0.5, 1.0);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_out_degree_centrality(g, NULL, &keys, &values));
    CHECK_F64S(values, 0.0, 1.0, 0.0, 0.5);
    free_result(&keys, &values);

    CHECK_OK(gr_graph_degree_centrality(ug, NULL, &keys, &values));
    CHECK_F64S(values, 0.0, 0.5, 1.0, 1.5);
    free_result(&keys, &values);
    CHECK_ERR(gr_graph_in_degree_centrality(ug, NULL, &keys, &values), IO, "directed graphs only");
    CHECK_ERR(gr_graph_out_degree_centrality(ug, NULL, &keys, &values), IO, "directed");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);

    /* Bad arguments leave the outputs alone. */
    CHECK_ERR(gr_graph_degree_centrality(NULL, NULL, &keys, &values), IA, "graph is NULL");
    CHECK_ERR(gr_graph_degree_centrality(g, NULL, NULL, &values), IA, "output keys is NULL");
    CHECK_ERR(gr_graph_degree_centrality(g, NULL, &keys, NULL), IA, "output values is NULL");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    gr_graph_free(g);
    gr_graph_free(ug);

    /* One node: 1.0, as networkx. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_node(g, SK("solo"), NULL, NULL, 0));
    CHECK_OK(gr_graph_degree_centrality(g, NULL, &keys, &values));
    CHECK_KEYS(keys, "'solo'");
    CHECK_F64S(values, 0.0, 1.0);
    free_result(&keys, &values);
    gr_graph_free(g);
}

/* A directed triangle 1 -> 2 -> 3 -> 1 plus 1 -> 3, each edge weighing u + v / 10 in "w". */
static gr_graph *weighted_triangle(void)
{
    static const int64_t e[] = {1, 2, 2, 3, 3, 1, 1, 3};
    gr_graph *g = graph_of(true, e, 4);
    size_t i;
    for (i = 0; i < 4; i++) {
        set_w(g, e[2 * i], e[2 * i + 1], "w", v_f64((double)e[2 * i] + (double)e[2 * i + 1] / 10));
    }
    return g;
}

static void test_eigenvector(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    static const int64_t path[] = {0, 1, 1, 2, 2, 3};
    gr_graph *g = graph_of(false, path, 3);
    gr_graph *t = weighted_triangle();
    gr_cancel *cancel = NULL;

    /* networkx: eigenvector_centrality(path_graph(4)). */
    CHECK_OK(gr_graph_eigenvector_centrality(g, 100, 1e-6, NULL, 0, NULL, &keys, &values));
    CHECK_KEYS(keys, "0,1,2,3");
    CHECK_F64S(values, 1e-12, 0.37174823427120085, 0.60150083151750033, 0.60150083151750044,
               0.37174823427120079);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_eigenvector_centrality(t, 100, 1e-6, "w", 1, NULL, &keys, &values));
    CHECK_F64S(values, 1e-12, 0.71604440763350541, 0.31988595866356628, 0.62044611349147272);
    free_result(&keys, &values);

    CHECK_ERR(gr_graph_eigenvector_centrality(g, 1, 1e-6, NULL, 0, NULL, &keys, &values), ALG,
              "did not converge within 1 iterations");
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, -1.0, NULL, 0, NULL, &keys, &values), IA,
              "tol must be a number >= 0");
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, NAN, NULL, 0, NULL, &keys, &values), IA,
              "tol");
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, 1e-6, "nope", 4, NULL, &keys, &values), IA,
              "no edge attribute 'nope'");
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, 1e-6, "\xff", 1, NULL, &keys, &values), IA,
              "weight");
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, 1e-6, NULL, 0, NULL, &keys, NULL), IA,
              "output values is NULL");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);

    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, 1e-6, NULL, 0, cancel, &keys, &values),
              GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_degree_centrality(g, cancel, &keys, &values), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_katz_centrality(g, NULL, cancel, &keys, &values), GR_STATUS_CANCELLED, "");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    gr_cancel_free(cancel);
    gr_graph_free(g);
    gr_graph_free(t);

    g = new_graph(true);
    CHECK_ERR(gr_graph_eigenvector_centrality(g, 100, 1e-6, NULL, 0, NULL, &keys, &values), IO,
              "without nodes");
    gr_graph_free(g);
}

static void test_katz(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    static const int64_t path[] = {0, 1, 1, 2, 2, 3};
    gr_graph *g = graph_of(false, path, 3);
    gr_graph *t = weighted_triangle();
    gr_katz_options opts;
    static const int64_t beta_ints[] = {3, 1, 2};
    static const double beta_values[] = {0.5, 1.0, 2.0};
    static const uint8_t str_kinds[] = {GR_KEY_STR, GR_KEY_STR};
    static const uint8_t str_data[] = "ab" NIHON;
    static const size_t str_offsets[] = {0, 2, 8};
    static const double str_values[] = {1.0, 3.0};

    /* NULL options: the defaults (networkx: katz_centrality(path_graph(4))). */
    CHECK_OK(gr_graph_katz_centrality(g, NULL, NULL, &keys, &values));
    CHECK_F64S(values, 1e-12, 0.47565150131853784, 0.52321663705717636, 0.52321663705717636,
               0.47565150131853784);
    free_result(&keys, &values);

    CHECK_OK(gr_katz_options_init(&opts, GR_KATZ_OPTIONS_VERSION));
    CHECK(opts.alpha == 0.1 && opts.beta == 1.0 && opts.max_iter == 1000 && opts.tol == 1e-6);
    CHECK(opts.normalized && opts.weight == NULL && opts.beta_values == NULL);
    opts.alpha = 0.2;
    opts.normalized = false;
    opts.weight = "w";
    opts.weight_len = 1;
    CHECK_OK(gr_graph_katz_centrality(t, &opts, NULL, &keys, &values));
    CHECK_KEYS(keys, "1,2,3");
    CHECK_F64S(values, 1e-12, 2.4731542001986826, 1.5935568160045843, 2.3760558549290911);
    free_result(&keys, &values);

    /* A beta per node, in any order; unweighted, normalized. */
    CHECK_OK(gr_katz_options_init(&opts, GR_KATZ_OPTIONS_VERSION));
    opts.alpha = 0.2;
    opts.beta_ints = beta_ints;
    opts.beta_values = beta_values;
    opts.n_beta = 3;
    CHECK_OK(gr_graph_katz_centrality(t, &opts, NULL, &keys, &values));
    CHECK_F64S(values, 1e-12, 0.4375896068783578, 0.79359477480979745, 0.42275603998834971);
    free_result(&keys, &values);
    /* One node missing, or a key that is not a node: as networkx, an error. */
    opts.n_beta = 2;
    CHECK_ERR(gr_graph_katz_centrality(t, &opts, NULL, &keys, &values), IA,
              "beta must have a value for every node");
    opts.n_beta = 3;
    opts.beta_kinds = str_kinds;
    opts.beta_str_data = str_data;
    opts.beta_str_data_len = 8;
    opts.beta_str_offsets = str_offsets;
    opts.n_beta = 2;
    CHECK_ERR(gr_graph_katz_centrality(t, &opts, NULL, &keys, &values), IA, "not a node");
    gr_graph_free(t);

    /* String keys. */
    t = new_graph(true);
    CHECK_OK(gr_graph_add_edge(t, SK("ab"), SK(NIHON), NULL, NULL, 0));
    opts.beta_values = str_values;
    opts.normalized = false;
    CHECK_OK(gr_graph_katz_centrality(t, &opts, NULL, &keys, &values));
    CHECK_KEYS(keys, "'ab','" NIHON "'");
    CHECK_F64S(values, 1e-12, 1.0, 3.2);
    free_result(&keys, &values);
    gr_graph_free(t);

    /* Errors. */
    CHECK_OK(gr_katz_options_init(&opts, GR_KATZ_OPTIONS_VERSION));
    opts.max_iter = 1;
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), ALG, "converge");
    opts.max_iter = 1000;
    opts.alpha = 1.0; /* above 1 / the largest eigenvalue (1.618...): diverges */
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), ALG, "converge");
    opts.alpha = NAN;
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), IA, "finite");
    opts.alpha = 0.1;
    opts.tol = -1;
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), IA, "tol");
    opts.tol = 1e-6;
    opts.n_beta = 2;
    opts.beta_values = beta_values; /* beta_ints and kinds NULL: not a key array */
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), IA, "beta");
    opts.version = 0;
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), IA, "not initialised");
    opts.version = GR_KATZ_OPTIONS_VERSION + 1;
    CHECK_ERR(gr_graph_katz_centrality(g, &opts, NULL, &keys, &values), IA, "unknown");
    CHECK_ERR(gr_katz_options_init(&opts, 0), IA, "version 0");
    CHECK_ERR(gr_katz_options_init(NULL, GR_KATZ_OPTIONS_VERSION), IA, "NULL");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    gr_graph_free(g);

    /* The empty graph: empty results, as networkx. */
    g = new_graph(false);
    CHECK_OK(gr_graph_katz_centrality(g, NULL, NULL, &keys, &values));
    CHECK_KEYS(keys, "");
    free_result(&keys, &values);
    gr_graph_free(g);
}

static void test_hits(void)
{
    gr_keys *hk = SENTINEL_KEYS;
    gr_keys *ak = SENTINEL_KEYS;
    gr_array *hubs = SENTINEL_ARRAY;
    gr_array *auths = SENTINEL_ARRAY;
    static const int64_t star[] = {1, 2, 1, 3, 4, 3};
    /* Two stars of 3 and 2 leaves: power steps shrink the error by only 2/3. */
    static const int64_t slow[] = {0, 1, 0, 2, 0, 3, 4, 5, 4, 6};
    gr_graph *g = graph_of(true, star, 3);
    gr_graph *s = graph_of(true, slow, 5);
    gr_cancel *cancel = NULL;

    /* networkx: hits(DiGraph([(1, 2), (1, 3), (4, 3)])). */
    CHECK_OK(gr_graph_hits(g, 100, 1e-8, true, NULL, &hk, &hubs, &ak, &auths));
    CHECK_KEYS(hk, "1,2,3,4");
    CHECK_KEYS(ak, "1,2,3,4");
    CHECK_F64S(hubs, 1e-8, 0.6180339887498949, 0, 0, 0.38196601125010515);
    CHECK_F64S(auths, 1e-8, 0, 0.38196601125010515, 0.61803398874989479, 0);
    /* Each result is freed on its own. */
    gr_keys_free(hk);
    gr_array_free(auths);
    gr_array_free(hubs);
    gr_keys_free(ak);
    hk = ak = SENTINEL_KEYS;
    hubs = auths = SENTINEL_ARRAY;
    /* Unnormalized: unit-norm authorities, hubs = A a. */
    CHECK_OK(gr_graph_hits(g, 100, 1e-8, false, NULL, &hk, &hubs, &ak, &auths));
    CHECK_F64S(auths, 1e-8, 0, 0.52573111211913359, 0.85065080835203988, 0);
    CHECK_F64S(hubs, 1e-8, 1.3763819204711736, 0, 0, 0.85065080835203988);
    free_result(&hk, &hubs);
    free_result(&ak, &auths);

    CHECK_ERR(gr_graph_hits(s, 1, 1e-8, true, NULL, &hk, &hubs, &ak, &auths), ALG,
              "did not converge within 1 iterations");
    CHECK_ERR(gr_graph_hits(g, 100, -1, true, NULL, &hk, &hubs, &ak, &auths), IA, "tol");
    CHECK_ERR(gr_graph_hits(g, 100, 1e-8, true, NULL, &hk, &hubs, NULL, &auths), IA,
              "output authority keys is NULL");
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_hits(g, 100, 1e-8, true, cancel, &hk, &hubs, &ak, &auths),
              GR_STATUS_CANCELLED, "");
    gr_cancel_free(cancel);
    CHECK(hk == SENTINEL_KEYS && ak == SENTINEL_KEYS);
    CHECK(hubs == SENTINEL_ARRAY && auths == SENTINEL_ARRAY);
    gr_graph_free(g);
    gr_graph_free(s);

    /* Nodes without edges: every score 0, undefined. No nodes: empty results. */
    g = new_graph(false);
    CHECK_OK(gr_graph_hits(g, 100, 1e-8, true, NULL, &hk, &hubs, &ak, &auths));
    CHECK_KEYS(hk, "");
    free_result(&hk, &hubs);
    free_result(&ak, &auths);
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_ERR(gr_graph_hits(g, 100, 1e-8, true, NULL, &hk, &hubs, &ak, &auths), ALG, "zero");
    gr_graph_free(g);
}

int main(void)
{
    test_degree();
    test_eigenvector();
    test_katz();
    test_hits();
    return CHECK_SUMMARY();
}
