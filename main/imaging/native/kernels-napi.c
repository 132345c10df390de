/*
 * N-API glue of the native pixel kernels: the same kernel sources as the WebAssembly module
 * (shared/pixel/kernels/c, those written on simd.h), compiled for this machine's vector unit by
 * scripts/build-native.mjs. Each exported kernel takes the same arguments as its WebAssembly
 * export — pointers as byte offsets into the calling thread's kernel memory (a shared
 * WebAssembly.Memory) — so the TypeScript glue calls either the same way
 * (shared/pixel/kernels/index.ts swaps the functions in; main/imaging/native-kernels.ts loads this).
 *
 * Per thread (per N-API environment): bind(view) records the address of the memory behind a
 * typed array on it (a shared memory never moves: growing it keeps its address). Offset 0 stands
 * for a null pointer, as in WebAssembly. Every pointer argument is checked against the memory's
 * size before a kernel runs (a RangeError, not a crash, for an offset outside it).
 *
 * This file is compiled without the kernels' instruction-set flags, so loading the module and
 * calling supported() is safe on any CPU of the architecture.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#ifndef TW_SOURCE_HASH
#define TW_SOURCE_HASH "unknown"
#endif
#ifndef TW_ISA
#define TW_ISA "generic"
#endif

__thread uintptr_t tw_memory_base;

typedef struct {
  uintptr_t base;
  size_t size;
  napi_ref memory; /* the WebAssembly.Memory (its buffer grows) */
} Binding;

/* The kernels this module provides (their definitions are in the kernel sources). */
int tw_chain(float *a0, int a1, int a2, int a3, const void *a4, int a5, int32_t *a6);
void tw_lattice(float *a0, int a1);
void tw_lattice_flags(const float *a0, int a1, double a2, double a3, uint8_t *a4);
int tw_chain_src(float *a0, int a1, int a2, int a3, const void *a4, int a5, int32_t *a6, const void *a7, int a8, int a9, int a10, const float *a11);
int tw_sharpening_scratch(int a0, int a1, int a2);
void tw_sharpening(float *a0, int a1, int a2, const float *a3, int a4, float a5, float a6, int a7, float a8, float a9, const float *a10, float *a11);
void tw_decode_u8(const uint8_t *a0, int a1, const float *a2, float *a3);
void tw_decode_u16(const uint16_t *a0, int a1, const float *a2, float *a3);
void tw_write_u8(const float *a0, int a1, uint8_t *a2);
void tw_write_linear_u8(const float *a0, int a1, const uint8_t *a2, uint8_t *a3);
void tw_sample_guide_grid(const float *a0, int a1, int a2, int a3, int a4, const float *a5, const float *a6, int a7, int a8, float *a9, int *a10, int *a11, double *a12, double *a13);
void tw_log_luma_u8(const uint8_t *a0, int a1, int a2, const float *a3, const int32_t *a4, double *a5, const double *a6, int a7, float *a8);
void tw_log_luma_u16(const uint16_t *a0, int a1, int a2, const float *a3, const int32_t *a4, double *a5, const double *a6, int a7, float *a8);
void tw_box_blur(const float *a0, int a1, int a2, int a3, float *a4, float *a5, double *a6, double *a7);
void tw_products(const float *a0, const float *a1, int a2, float *a3, float *a4);
void tw_guided_coeffs(const float *a0, const float *a1, const float *a2, const float *a3, int a4, double a5, float *a6, float *a7);
void tw_area_rows(const float *a0, int a1, int a2, int a3, const int32_t *a4, const int32_t *a5, const double *a6, int a7, float *a8);
void tw_area_cols(const float *a0, int a1, const int32_t *a2, const int32_t *a3, const double *a4, int a5, float *a6);

static int cpu_supported(void) {
#if defined(TW_ISA_AVX512VBMI)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
         __builtin_cpu_supports("bmi2");
#elif defined(TW_ISA_AVX512)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
#elif defined(TW_ISA_AVX2)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("f16c");
#elif defined(TW_ISA_SSE41)
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("popcnt");
#else
  return 1;
#endif
}

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "tonewright native kernels: " #call); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static Binding *binding(napi_env env) {
  Binding *b = NULL;
  if (napi_get_instance_data(env, (void **)&b) != napi_ok) return NULL;
  return b;
}

static void free_binding(napi_env env, void *data, void *hint) {
  (void)hint;
  Binding *b = data;
  if (b && b->memory) napi_delete_reference(env, b->memory);
  free(b);
}

/* The memory's current size (its buffer's byteLength). */
static int refresh_size(napi_env env, Binding *b) {
  napi_value mem, buf, len;
  uint32_t n = 0;
  double d = 0;
  if (napi_get_reference_value(env, b->memory, &mem) != napi_ok || !mem) return 0;
  if (napi_get_named_property(env, mem, "buffer", &buf) != napi_ok) return 0;
  if (napi_get_named_property(env, buf, "byteLength", &len) != napi_ok) return 0;
  if (napi_get_value_double(env, len, &d) != napi_ok) return 0;
  (void)n;
  b->size = (size_t)d;
  return 1;
}

/* bind(memory, view): view is a typed array on memory.buffer. */
static napi_value js_bind(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "bind(memory, view) needs the memory and a typed array on it");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value ab;
  if (napi_get_typedarray_info(env, argv[1], &type, &length, &data, &ab, &offset) != napi_ok) {
    napi_throw_type_error(env, NULL, "bind: the second argument must be a typed array on the memory");
    return NULL;
  }
  Binding *b = binding(env);
  if (!b) {
    b = calloc(1, sizeof *b);
    if (!b) {
      napi_throw_error(env, NULL, "bind: out of memory");
      return NULL;
    }
    CHECK(napi_set_instance_data(env, b, free_binding, NULL));
  }
  if (b->memory) napi_delete_reference(env, b->memory);
  CHECK(napi_create_reference(env, argv[0], 1, &b->memory));
  b->base = (uintptr_t)data - offset;
  if (!refresh_size(env, b)) {
    napi_throw_type_error(env, NULL, "bind: the first argument must be a WebAssembly.Memory");
    return NULL;
  }
  return NULL;
}

/* Reads argument i as a double (kernels take int32, float32 or pointer-offset arguments). */
static int arg_num(napi_env env, napi_value v, double *out) { return napi_get_value_double(env, v, out) == napi_ok; }

typedef struct {
  napi_env env;
  Binding *b;
  napi_value argv[16];
  size_t argc;
  int ok;
} Call;

static int call_begin(Call *c, napi_env env, napi_callback_info info, size_t want) {
  c->env = env;
  c->argc = 16;
  c->ok = 1;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok || c->argc < want) {
    napi_throw_type_error(env, NULL, "native kernel: wrong number of arguments");
    return 0;
  }
  c->b = binding(env);
  if (!c->b || !c->b->base) {
    napi_throw_error(env, NULL, "native kernel: bind() the thread's kernel memory first");
    return 0;
  }
  tw_memory_base = c->b->base;
  return 1;
}

static int32_t arg_i(Call *c, int i) {
  double d = 0;
  if (!arg_num(c->env, c->argv[i], &d)) c->ok = 0;
  return (int32_t)d;
}

static float arg_f(Call *c, int i) {
  double d = 0;
  if (!arg_num(c->env, c->argv[i], &d)) c->ok = 0;
  return (float)d;
}

static double arg_d(Call *c, int i) {
  double d = 0;
  if (!arg_num(c->env, c->argv[i], &d)) c->ok = 0;
  return d;
}

/* A pointer argument: offset 0 is null; others must lie inside the memory. */
static void *arg_p(Call *c, int i) {
  double d = 0;
  if (!arg_num(c->env, c->argv[i], &d)) {
    c->ok = 0;
    return NULL;
  }
  if (d == 0) return NULL;
  if (!(d > 0) || d != (double)(uint64_t)d || (d >= (double)c->b->size && (!refresh_size(c->env, c->b) || d >= (double)c->b->size))) {
    c->ok = 0;
    return NULL;
  }
  return (void *)(c->b->base + (uintptr_t)d);
}

static napi_value call_end(Call *c, int has_result, int32_t result) {
  if (!c->ok) return NULL;
  if (!has_result) return NULL;
  napi_value out;
  if (napi_create_int32(c->env, result, &out) != napi_ok) return NULL;
  return out;
}

static int call_args_ok(Call *c) {
  if (!c->ok) napi_throw_range_error(c->env, NULL, "native kernel: an argument is not a number or a pointer is outside the kernel memory");
  return c->ok;
}

/*
 * One wrapper per kernel, from its signature (p: pointer offset, i: int32, f: float32, d: double):
 * every argument is checked first (check_args), then read again for the call.
 */
static int check_args(Call *c, const char *sig) {
  for (int i = 0; sig[i]; i++) {
    if (sig[i] == 'p') arg_p(c, i);
    else arg_d(c, i);
  }
  return call_args_ok(c);
}

#define P(i) arg_p(&c, i)
#define I(i) arg_i(&c, i)
#define F(i) arg_f(&c, i)
#define D(i) arg_d(&c, i)
#define KERNEL_V(name, sig, call)                                                          \
  static napi_value js_##name(napi_env env, napi_callback_info info) {                     \
    Call c;                                                                                \
    if (!call_begin(&c, env, info, sizeof(sig) - 1) || !check_args(&c, sig)) return NULL; \
    call;                                                                                  \
    return NULL;                                                                           \
  }
#define KERNEL_I(name, sig, call)                                                          \
  static napi_value js_##name(napi_env env, napi_callback_info info) {                     \
    Call c;                                                                                \
    if (!call_begin(&c, env, info, sizeof(sig) - 1) || !check_args(&c, sig)) return NULL; \
    return call_end(&c, 1, call);                                                          \
  }

KERNEL_I(tw_chain, "piiipip", tw_chain(P(0), I(1), I(2), I(3), P(4), I(5), P(6)))
KERNEL_V(tw_lattice, "pi", tw_lattice(P(0), I(1)))
KERNEL_V(tw_lattice_flags, "piddp", tw_lattice_flags(P(0), I(1), D(2), D(3), P(4)))
KERNEL_I(tw_chain_src, "piiipippiiip", tw_chain_src(P(0), I(1), I(2), I(3), P(4), I(5), P(6), P(7), I(8), I(9), I(10), P(11)))
KERNEL_I(tw_sharpening_scratch, "iii", tw_sharpening_scratch(I(0), I(1), I(2)))
KERNEL_V(tw_sharpening, "piipiffiffpp", tw_sharpening(P(0), I(1), I(2), P(3), I(4), F(5), F(6), I(7), F(8), F(9), P(10), P(11)))
KERNEL_V(tw_decode_u8, "pipp", tw_decode_u8(P(0), I(1), P(2), P(3)))
KERNEL_V(tw_decode_u16, "pipp", tw_decode_u16(P(0), I(1), P(2), P(3)))
KERNEL_V(tw_write_u8, "pip", tw_write_u8(P(0), I(1), P(2)))
KERNEL_V(tw_write_linear_u8, "pipp", tw_write_linear_u8(P(0), I(1), P(2), P(3)))
KERNEL_V(tw_sample_guide_grid, "piiiippiippppp", tw_sample_guide_grid(P(0), I(1), I(2), I(3), I(4), P(5), P(6), I(7), I(8), P(9), P(10), P(11), P(12), P(13)))
KERNEL_V(tw_log_luma_u8, "piippppip", tw_log_luma_u8(P(0), I(1), I(2), P(3), P(4), P(5), P(6), I(7), P(8)))
KERNEL_V(tw_log_luma_u16, "piippppip", tw_log_luma_u16(P(0), I(1), I(2), P(3), P(4), P(5), P(6), I(7), P(8)))
KERNEL_V(tw_box_blur, "piiipppp", tw_box_blur(P(0), I(1), I(2), I(3), P(4), P(5), P(6), P(7)))
KERNEL_V(tw_products, "ppipp", tw_products(P(0), P(1), I(2), P(3), P(4)))
KERNEL_V(tw_guided_coeffs, "ppppidpp", tw_guided_coeffs(P(0), P(1), P(2), P(3), I(4), D(5), P(6), P(7)))
KERNEL_V(tw_area_rows, "piiipppip", tw_area_rows(P(0), I(1), I(2), I(3), P(4), P(5), P(6), I(7), P(8)))
KERNEL_V(tw_area_cols, "pipppip", tw_area_cols(P(0), I(1), P(2), P(3), P(4), I(5), P(6)))

#undef P
#undef I
#undef F
#undef D

/*
 * The source image is a Uint8Array or Uint16Array outside the kernel memory (a SharedArrayBuffer
 * the render workers share): these variants read it in place, where the WebAssembly build must
 * first copy the rows into its memory. Returns the element pointer at `index` after checking
 * that `count` elements fit, and whether it holds 16-bit values; NULL after throwing otherwise.
 */
static const void *source_at(napi_env env, napi_value array, napi_value index_v, double count, int *is16) {
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value ab;
  double index = 0;
  if (napi_get_typedarray_info(env, array, &type, &length, &data, &ab, &offset) != napi_ok || (type != napi_uint8_array && type != napi_uint16_array)) {
    napi_throw_type_error(env, NULL, "native kernel: the source must be a Uint8Array or a Uint16Array");
    return NULL;
  }
  if (!arg_num(env, index_v, &index) || !(index >= 0) || !(count >= 0) || index + count > (double)length || index != (double)(size_t)index) {
    napi_throw_range_error(env, NULL, "native kernel: the values to read lie outside the source");
    return NULL;
  }
  *is16 = type == napi_uint16_array;
  return (const char *)data + (size_t)index * (*is16 ? 2 : 1);
}

/* decodeFrom(src, index, n, lut, out): tw_decode_u8 / tw_decode_u16 on n code values of src from element index. */
static napi_value js_decode_from(napi_env env, napi_callback_info info) {
  Call c;
  if (!call_begin(&c, env, info, 5)) return NULL;
  double n = 0;
  arg_num(env, c.argv[2], &n);
  int is16 = 0;
  const void *src = source_at(env, c.argv[0], c.argv[1], n, &is16);
  if (!src) return NULL;
  const float *lut = arg_p(&c, 3);
  float *out = arg_p(&c, 4);
  if (!call_args_ok(&c)) return NULL;
  if (is16) tw_decode_u16(src, (int)n, lut, out);
  else tw_decode_u8(src, (int)n, lut, out);
  return NULL;
}

/*
 * logLumaFrom(src, index, W, rows, tab, col, acc, perCol, w, out): tw_log_luma_u8 / _u16 on
 * `rows` rows of W pixels of src from element index.
 */
static napi_value js_log_luma_from(napi_env env, napi_callback_info info) {
  Call c;
  if (!call_begin(&c, env, info, 10)) return NULL;
  int32_t W = arg_i(&c, 2), rows = arg_i(&c, 3), w = arg_i(&c, 8);
  if (!call_args_ok(&c)) return NULL;
  int is16 = 0;
  const void *src = source_at(env, c.argv[0], c.argv[1], (double)W * rows * 3, &is16);
  if (!src) return NULL;
  const float *tab = arg_p(&c, 4);
  const int32_t *col = arg_p(&c, 5);
  double *acc = arg_p(&c, 6);
  const double *perCol = arg_p(&c, 7);
  float *out = arg_p(&c, 9);
  if (!call_args_ok(&c)) return NULL;
  if (is16) tw_log_luma_u16(src, W, rows, tab, col, acc, perCol, w, out);
  else tw_log_luma_u8(src, W, rows, tab, col, acc, perCol, w, out);
  return NULL;
}

/*
 * chainFrom(src, index, count, stride, data, width, rows, y0, links, nlinks, exact, lut):
 * tw_chain_src with its input rows read in place from src (a Uint8Array or Uint16Array outside
 * the kernel memory): `count` values from element index on, rows `stride` values apart.
 */
static napi_value js_chain_from(napi_env env, napi_callback_info info) {
  Call c;
  if (!call_begin(&c, env, info, 12)) return NULL;
  double count = 0;
  arg_num(env, c.argv[2], &count);
  int32_t stride = arg_i(&c, 3), width = arg_i(&c, 5), rows = arg_i(&c, 6), y0 = arg_i(&c, 7), nlinks = arg_i(&c, 9);
  if (!call_args_ok(&c)) return NULL;
  if (rows > 0 && (stride < 3 * width || (double)(rows - 1) * stride + 3.0 * width > count)) {
    napi_throw_range_error(env, NULL, "chainFrom: the rows do not fit the values given");
    return NULL;
  }
  int is16 = 0;
  const void *src = source_at(env, c.argv[0], c.argv[1], count, &is16);
  if (!src) return NULL;
  float *data = arg_p(&c, 4);
  const void *links = arg_p(&c, 8);
  int32_t *exact = arg_p(&c, 10);
  const float *lut = arg_p(&c, 11);
  if (!call_args_ok(&c)) return NULL;
  return call_end(&c, 1, tw_chain_src(data, width, rows, y0, links, nlinks, exact, src, is16 ? 16 : 8, stride, (int)count, lut));
}

/* A typed array's data pointer and size in bytes; 0 (after nothing is thrown) when v is not one. */
static int typed_bytes(napi_env env, napi_value v, void **data, size_t *bytes) {
  napi_typedarray_type type;
  size_t length, offset;
  napi_value ab;
  if (napi_get_typedarray_info(env, v, &type, &length, data, &ab, &offset) != napi_ok) return 0;
  size_t size = type == napi_int8_array || type == napi_uint8_array || type == napi_uint8_clamped_array ? 1
                : type == napi_int16_array || type == napi_uint16_array                                   ? 2
                : type == napi_float64_array || type == napi_bigint64_array || type == napi_biguint64_array ? 8
                                                                                                            : 4;
  *bytes = length * size;
  return 1;
}

/*
 * copyIn(dst, src): copies the typed array src into dst (a typed array of the same element size on
 * the kernel memory) with memcpy. V8 copies into a SharedArrayBuffer with relaxed atomic stores,
 * an order of magnitude slower, and the tables a render copies in add up to tens of megabytes.
 */
static napi_value js_copy_in(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *ptr[2];
  size_t bytes[2];
  for (int i = 0; i < 2; i++)
    if (argc < 2 || !typed_bytes(env, argv[i], &ptr[i], &bytes[i])) {
      napi_throw_type_error(env, NULL, "copyIn(dst, src) takes two typed arrays");
      return NULL;
    }
  if (bytes[1] > bytes[0]) {
    napi_throw_range_error(env, NULL, "copyIn: the source is larger than the destination");
    return NULL;
  }
  if (bytes[1]) memmove(ptr[0], ptr[1], bytes[1]);
  return NULL;
}

/*
 * adviseHugePages(view): asks the kernel to back the whole 2 MiB pages inside the typed array's
 * memory with huge pages (Linux, madvise MADV_HUGEPAGE; transparent huge pages in "madvise" or
 * "always" mode). A fresh 72 MB image buffer is then mapped in 36 faults instead of ~18,000.
 * Returns the bytes advised (0 where the system has no such hint or the view is too small).
 */
static napi_value js_advise_huge_pages(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *data;
  size_t bytes;
  if (argc < 1 || !typed_bytes(env, argv[0], &data, &bytes)) {
    napi_throw_type_error(env, NULL, "adviseHugePages(view) takes a typed array");
    return NULL;
  }
  double advised = 0;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)2 << 20;
  uintptr_t start = ((uintptr_t)data + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t)data + bytes) & ~(huge - 1);
  if (end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0) advised = (double)(end - start);
#endif
  napi_value out;
  CHECK(napi_create_double(env, advised, &out));
  return out;
}

static napi_value js_supported(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_get_boolean(env, cpu_supported(), &out));
  return out;
}

static void export_fn(napi_env env, napi_value exports, const char *name, napi_callback cb) {
  napi_value f;
  if (napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, NULL, &f) == napi_ok) napi_set_named_property(env, exports, name, f);
}

static void export_str(napi_env env, napi_value exports, const char *name, const char *value) {
  napi_value s;
  if (napi_create_string_utf8(env, value, NAPI_AUTO_LENGTH, &s) == napi_ok) napi_set_named_property(env, exports, name, s);
}

NAPI_MODULE_INIT() {
  export_str(env, exports, "sourceHash", TW_SOURCE_HASH);
  export_str(env, exports, "isa", TW_ISA);
  export_fn(env, exports, "supported", js_supported);
  export_fn(env, exports, "bind", js_bind);
  /* Kernels: only once the CPU is known to run them (else the module exports no kernels). */
  if (cpu_supported()) {
    export_fn(env, exports, "copyIn", js_copy_in);
    export_fn(env, exports, "adviseHugePages", js_advise_huge_pages);
    export_fn(env, exports, "decodeFrom", js_decode_from);
    export_fn(env, exports, "logLumaFrom", js_log_luma_from);
    export_fn(env, exports, "tw_chain", js_tw_chain);
    export_fn(env, exports, "tw_lattice", js_tw_lattice);
    export_fn(env, exports, "tw_lattice_flags", js_tw_lattice_flags);
    export_fn(env, exports, "tw_chain_src", js_tw_chain_src);
    export_fn(env, exports, "chainFrom", js_chain_from);
    export_fn(env, exports, "tw_sharpening_scratch", js_tw_sharpening_scratch);
    export_fn(env, exports, "tw_sharpening", js_tw_sharpening);
    export_fn(env, exports, "tw_decode_u8", js_tw_decode_u8);
    export_fn(env, exports, "tw_decode_u16", js_tw_decode_u16);
    export_fn(env, exports, "tw_write_u8", js_tw_write_u8);
    export_fn(env, exports, "tw_write_linear_u8", js_tw_write_linear_u8);
    export_fn(env, exports, "tw_sample_guide_grid", js_tw_sample_guide_grid);
    export_fn(env, exports, "tw_log_luma_u8", js_tw_log_luma_u8);
    export_fn(env, exports, "tw_log_luma_u16", js_tw_log_luma_u16);
    export_fn(env, exports, "tw_box_blur", js_tw_box_blur);
    export_fn(env, exports, "tw_products", js_tw_products);
    export_fn(env, exports, "tw_guided_coeffs", js_tw_guided_coeffs);
    export_fn(env, exports, "tw_area_rows", js_tw_area_rows);
    export_fn(env, exports, "tw_area_cols", js_tw_area_cols);
  }
  return exports;
}
