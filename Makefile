# periodbench: one flat Makefile. `make help` lists the targets.
# Variables: SANITIZE=address,undefined (sanitizer build), OPT (optimisation
# flags), JOBS (workers for compare), CC. Changing any of them rebuilds all.

#: CC the C compiler (default cc)
CC       ?= cc
#: MPI 1: build against Open MPI (mpicc) for mpirun -n K ./periodbench run ... (default: without)
MPI      ?=
ifeq ($(MPI),1)
CC       := mpicc
MPI_DEF  := -DPB_MPI
endif
# The widest x86-64 level the CPU has: AVX-512 (x86-64-v4; the network
# step and the fast Lomb-Scargle are measurably faster with it than with
# AVX2 where the CPU has both), AVX2 and FMA (v3), or a plain x86-64 build.
# Override with OPT=... .
has_flags = $(shell f=$$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null); \
              for x in $(1); do case " $$f " in (*" $$x "*) ;; (*) exit 0;; esac; done; echo yes)
NATIVE   := $(if $(call has_flags,avx512f avx512bw avx512cd avx512dq avx512vl avx2 fma),-march=x86-64-v4,\
              $(if $(call has_flags,avx2 fma),-march=x86-64-v3))
#: OPT optimisation flags (default -O2 -g and the CPU's widest x86-64 level)
OPT      ?= -O2 -g $(NATIVE)
#: SANITIZE sanitizers for every object, e.g. address,undefined (default none)
SANITIZE ?=
#: JOBS worker processes for the comparisons (default: the number of cores)
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
#: PREFIX where make install puts periodbench (default /usr/local)
PREFIX   ?= /usr/local
#: DESTDIR a staging root prepended to PREFIX by install and uninstall
DESTDIR  ?=
#: OUT the result directory make plots renders (default results)

BUILD    := build
BIN      := periodbench
TEST_BIN := $(BUILD)/run_tests

WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
SAN      := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all,)
# pkg-config runs when a recipe needs it, i.e. after `deps` has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags fftw3 gsl)
PKG_LIBS   = $(shell pkg-config --libs fftw3 gsl) -lcsv -lm
CRIT_FLAGS = $(shell pkg-config --cflags --libs criterion)
CFLAGS_ALL = -std=c11 -D_DEFAULT_SOURCE $(OPT) $(OPT_HOT) $(OBJ_DEFS) $(WARN) -fopenmp-simd $(SAN) -Icommon -Imethods $(PKG_CFLAGS) \
             -DPB_BUILD_CFLAGS='"$(OPT) $(SAN)"' -DPB_BUILD_CC='"$(CC)"' $(MPI_DEF)
LDFLAGS_ALL = $(SAN) $(PKG_LIBS)

# The network engine's inner loops: -O3 unrolls the register-blocked matrix
# kernels into vector registers (3.5x the -O2 speed here); -fno-math-errno
# lets sqrt (Adam) and erf, exp (GELU, through glibc's libmvec) vectorise
# (nothing reads errno). OPT_HOT follows OPT, so it wins over OPT's -O level
# for these files only. The fast Lomb-Scargle's files: -O3 and fused
# multiply-adds in the Horner sums and the phase reductions. The folding:
# -fno-trapping-math lets floor() (the phases) vectorise; nothing traps on
# floating-point exceptions, so the values are the same.
NN_HOT := -O3 -fno-math-errno
LS_HOT := -O3 -ffp-contract=fast
FOLD_HOT := -fno-trapping-math
FOLD_HOT_OBJ := $(BUILD)/common/longbaseline/pb_fold.o
NN_HOT_OBJ := $(addprefix $(BUILD)/common/nn/,pb_gemm.o pb_nn.o pb_nn_act.o pb_opt.o)
LS_HOT_OBJ := $(addprefix $(BUILD)/common/spectral/,pb_nufft.o pb_gls.o pb_gls_data.o pb_gls_harmonics.o) \
              $(BUILD)/common/base/pb_sincos.o
$(NN_HOT_OBJ): OPT_HOT := $(NN_HOT)
$(LS_HOT_OBJ): OPT_HOT := $(LS_HOT)
$(FOLD_HOT_OBJ): OPT_HOT := $(FOLD_HOT)

# Sources are found by layer: every folder of common/ is one layer, methods/
# holds one file per method (and support/, what several methods share).
MAIN_SRC := common/cli/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(wildcard common/*/*.c)) $(wildcard methods/*.c methods/support/*.c)
LIB_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC))
TEST_SRC := $(filter-out tests/fuzz/%,$(wildcard tests/*/*.c))
TEST_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRC))
FLAGS_STAMP := $(BUILD)/flags
DEPS_STAMP  := $(BUILD)/deps-ok$(if $(MPI_DEF),-mpi)

# The full comparison, in one place: every task x every method, 5 seeds,
# with the catalog's sweeps, the tone's SNR sweep (threshold SNR) and the
# clock with 2^20 and 2^16 samples.
COMPARE_ARGS := --tasks all --methods all --seeds 5 --timeout 900 \
                --set tone.snr_db=-10,-5,0,5,10,20,40 \
                --set shapes.shape=sawtooth,square,pulse \
                --set cycles.cycles=1,3,10,30,100,300,1000 \
                --set close-tones.separation=0.1,0.2,0.3,0.5,1,2 \
                --set nlls.init=spectral,random \
                --set clock.n=1048576,65536
# The seed's claim that Snake works only while the cycles in the window are
# fewer than its parameters: snake at three widths (193, 2,305 and 33,793
# parameters at depth 3) across the cycles sweep.
SIZE_ARGS    := --tasks cycles --methods snake --seeds 3 --timeout 900 \
                --set cycles.cycles=1,3,10,30,100,300,1000 --set snake.width=8,32,128
# The real series (datasets/): every method, three interpolation splits.
REAL_DATA := $(BUILD)/real-data
REAL_ARGS := --tasks data:$(REAL_DATA) --methods all --seeds 3 --timeout 900
# Non-sinusoidal shapes against the number of harmonics in the
# Lomb-Scargle model (nterms), beside the folding method.
HARMONICS_ARGS := --tasks shapes --methods lomb-scargle,fold --seeds 5 --timeout 900 \
                --set shapes.shape=sawtooth,square,pulse --set lomb-scargle.nterms=1,4,16
# The small sweep the networks' default learning rates come from.
NN_SWEEP_ARGS := --tasks tone,cycles --methods mlp-gelu,siren,snake,fourier-mlp,time2vec --seeds 2 \
                --set cycles.cycles=3,30 --set mlp-gelu.lr=1e-4,1e-3,1e-2 --set siren.lr=1e-4,1e-3,1e-2 \
                --set snake.lr=1e-4,1e-3,1e-2 --set fourier-mlp.lr=1e-4,1e-3,1e-2 --set time2vec.lr=1e-4,1e-3,1e-2
# The training-budget study: the five networks at budgets from the default
# (4,000 steps x batch 32 = 1.28e5 samples seen) to 100x (12,500 x 1,024),
# batch 32 and 1,024, and 3 x 256 units at 3x (a wider net costs 10-22x
# per sample: results/budget's fit times); each network keeps its default learning rate (the
# sweep rule's pick). lomb-scargle and fold give the spectral level.
comma := ,
empty :=
space := $(empty) $(empty)
BUDGET_NETS   := mlp-gelu siren snake fourier-mlp time2vec
BUDGET_LADDER := 4000:32:64,40000:32:64,1250:1024:64,12500:1024:64,375:1024:256
BUDGET_ARGS   := --tasks tone,cycles,clock --methods $(subst $(space),$(comma),$(BUDGET_NETS)),lomb-scargle,fold \
                --seeds 3 --timeout 1800 --set cycles.cycles=3,30,300 --set clock.n=65536 \
                $(foreach n,$(BUDGET_NETS),--set $(n).steps:batch:width=$(BUDGET_LADDER))
# The same study past 10^9 samples per network on a GPU, through the PyTorch
# networks (methods/external/examples/torch_nets.py: GELU, SIREN, Snake in
# float32, CUDA when present): 10^6 steps of batch 1,024 at widths 64 and
# 256. Its tables have the same format; not run here (no GPU).
BUDGET_GPU_ARGS := --tasks tone,cycles,clock --methods methods/external/examples/torch_nets.py,lomb-scargle,fold \
                --seeds 3 --timeout 86400 --set cycles.cycles=3,30,300 --set clock.n=65536 \
                --set torch-net.net=gelu,siren,snake \
                --set torch-net.steps:batch:width=4000:32:64,100000:1024:64,1000000:1024:64,1000000:1024:256
# 20 seeds where 5 leave too wide a spread: fold on the shapes with bins
# alone and with the adaptive segments, on seeds 0-19 and on 20 fresh ones,
# beside the ideal estimator given the true shape (periodbench oracle);
# chirp on drift over 500 seeds (its error against the Cramer-Rao bound,
# its success rate).
SHAPES_SEEDS_ARGS := --tasks shapes --methods fold --set shapes.shape=sawtooth,square,pulse \
                --set fold.profile=bins,auto
DRIFT_SEEDS_ARGS  := --tasks drift --methods chirp --seeds 500
# The clock from fewer samples than make compare's 2^16 and 2^20: every
# method at 2^12 and 2^14 (the coherent search alone takes ~20 s per channel
# at 2^12, so these stay out of make compare's five minutes).
CLOCK_SIZES_ARGS := --tasks clock --methods all --seeds 5 --timeout 900 --set nlls.init=spectral,random \
                --set clock.n=16384,4096
# A small subset that runs in well under a minute.
QUICK_ARGS   := --tasks sin31,tone,tone-irregular,close-tones,data:tests/data/co2_weekly.csv --methods all --seeds 2 --timeout 120 \
                --set sin31.n=4096 --set sgd-sin.steps=100000 --set mlp-gelu.steps=300 --set siren.steps=300 \
                --set snake.steps=300 --set fourier-mlp.steps=300 --set time2vec.steps=300 --set sgd-complex.steps=1000

.PHONY: all test real-data fuzz mpi-check mpi-scaling seed-torch compare compare-budget compare-budget-gpu compare-clock compare-seeds compare-quick fit-examples nn-sweep plots clean help deps valgrind bench bench-peers install uninstall FORCE
.DEFAULT_GOAL := all

## all: build ./periodbench (installs missing Debian packages first)
all: $(BIN)

## deps: install the Debian packages the build, tests and plots need
deps: $(DEPS_STAMP)

$(DEPS_STAMP): .ci/install-deps
	@mkdir -p $(BUILD)
	@sh .ci/install-deps $(if $(MPI_DEF),mpi)
	@touch $@

# Rebuild everything when the flags change (redis-style persistence),
# the per-file flags and the files they apply to included.
FLAGS_TEXT = $(CC) $(OPT) $(SAN) $(MPI_DEF) | $(NN_HOT): $(notdir $(NN_HOT_OBJ)) | $(LS_HOT): $(notdir $(LS_HOT_OBJ)) \
             | $(FOLD_HOT): $(notdir $(FOLD_HOT_OBJ))
$(FLAGS_STAMP): FORCE | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_TEXT)' | cmp -s - $@ || echo '$(FLAGS_TEXT)' > $@

# The source's revision (a -dirty suffix when the tree differed from it,
# results/ aside) for environment.txt, known here at build time: periodbench
# runs no git at run time (a git in the user's current directory would honour
# that directory's .git/config, and name its commit, not periodbench's).
REVISION_TEXT = $(shell r=$$(git rev-parse --short=12 HEAD 2>/dev/null) && \
                  { git diff --quiet HEAD -- . ':(exclude)results' 2>/dev/null && echo "$$r" || echo "$$r-dirty"; } || echo unknown)
REV_STAMP := $(BUILD)/revision
$(REV_STAMP): FORCE
	@mkdir -p $(BUILD)
	@echo '$(REVISION_TEXT)' | cmp -s - $@ || echo '$(REVISION_TEXT)' > $@
$(BUILD)/common/harness/pb_environment.o: $(REV_STAMP)
$(BUILD)/common/harness/pb_environment.o: OBJ_DEFS = -DPB_BUILD_REVISION='"$(strip $(file < $(REV_STAMP)))"'

$(BUILD)/%.o: %.c $(FLAGS_STAMP) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BIN): $(BUILD)/$(MAIN_SRC:.c=.o) $(LIB_OBJ)
	$(CC) -o $@ $^ $(LDFLAGS_ALL)

$(TEST_BIN): $(TEST_OBJ) $(LIB_OBJ)
	$(CC) -o $@ $^ $(LDFLAGS_ALL) $(CRIT_FLAGS)

$(BUILD)/tests/%.o: tests/%.c $(FLAGS_STAMP) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags criterion) -Itests -MMD -MP -c $< -o $@

## test: the layering check, make install into a temporary PREFIX, and the Criterion tests
test: $(BIN) $(TEST_BIN)
	sh tests/layers/check.sh
	MAKE='$(MAKE)' LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp sh tests/install/check.sh
	PB_BIN=$(CURDIR)/$(BIN) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $(TEST_BIN) --jobs 2

# $(call splice,NAME,FILE,DOC): DOC's block between <!-- NAME:begin --> and
# <!-- NAME:end --> becomes FILE's text.
splice = awk -v name=$(1) 'FNR == NR { h = h $$0 "\n"; next } \
	     $$0 == "<!-- " name ":begin -->" { print; printf "%s", h; skip = 1; next } \
	     $$0 == "<!-- " name ":end -->" { skip = 0 } !skip' $(2) $(3) > $(3).tmp \
	  && mv $(3).tmp $(3)

## compare: the full comparison into results/ (tables, environment, plots; its wall time into results/environment.txt)
compare: $(BIN) $(REAL_DATA)/.extracted
	@date +%s > $(BUILD)/compare-start
	./$(BIN) run $(COMPARE_ARGS) --jobs $(JOBS) --out results --force
	./$(BIN) run $(REAL_ARGS) --jobs $(JOBS) --out results/real-data --force
	./$(BIN) run $(SIZE_ARGS) --jobs $(JOBS) --out results/cycles-vs-size --force
	./$(BIN) run $(HARMONICS_ARGS) --jobs $(JOBS) --out results/shapes-harmonics --force
	./$(BIN) track --task drift --seed 0 --out results/plots/drift.dat
	./$(BIN) landscape --out results/plots
	./$(BIN) plot results
	@# The front page's verdict table is the one this run wrote.
	@$(call splice,verdict,results/verdict.md,README.md)
	$(MAKE) --no-print-directory fit-examples
	@s=$$(( $$(date +%s) - $$(cat $(BUILD)/compare-start) )); \
	 echo "make_compare_seconds: $$s (wall time of the whole make compare: its four runs (the real series among them), the drift track, the landscape, the plots and the fit examples, $(JOBS) jobs on $$(nproc) cores)" \
	   | tee -a results/environment.txt

## real-data: extract the real series (datasets/PROVENANCE.md) into build/real-data, checked against datasets/SHA256SUMS
real-data: $(REAL_DATA)/.extracted
$(REAL_DATA)/.extracted: datasets/extract datasets/periods.csv datasets/SHA256SUMS
	@sh .ci/install-deps realdata
	sh datasets/extract $(REAL_DATA)
	@touch $@

## compare-clock: the clock from 2^12 and 2^14 samples (every method, 5 seeds), into results/clock-sizes (~10 min on two cores: out of make compare's time budget)
compare-clock: $(BIN)
	./$(BIN) run $(CLOCK_SIZES_ARGS) --jobs $(JOBS) --out results/clock-sizes --force

## fit-examples: periodbench fit on the two public series of tests/data (and --periods 3), into results/fit_examples.md and the manual
fit-examples: $(BIN)
	@{ for run in "sunspots_yearly" "co2_weekly" "co2_weekly --periods 3"; do \
	     set -- $$run; f=$$1; shift; \
	     echo '```'; echo "$$ ./periodbench fit tests/data/$$f.csv$${1:+ $$*}"; \
	     ./$(BIN) fit tests/data/$$f.csv "$$@" 2>/dev/null || exit 1; echo '```'; echo; \
	   done; } > results/fit_examples.md
	@$(call splice,fit-examples,results/fit_examples.md,common/cli/README.md)

## nn-sweep: the learning-rate sweep behind the networks' defaults, into results/nn-sweep
nn-sweep: $(BIN)
	./$(BIN) run $(NN_SWEEP_ARGS) --jobs $(JOBS) --out results/nn-sweep --force

## compare-budget: the networks' training-budget study into results/budget (~1 h on two cores)
compare-budget: $(BIN)
	./$(BIN) run $(BUDGET_ARGS) --jobs $(JOBS) --out results/budget --force

## compare-budget-gpu: the budget study to 10^9 samples through PyTorch (a GPU), into results/budget-gpu
compare-budget-gpu: $(BIN)
	@sh .ci/install-deps torch
	./$(BIN) run $(BUDGET_GPU_ARGS) --jobs 1 --out results/budget-gpu --force

## compare-seeds: fold on the shapes over seeds 0-19 and 20-39 beside the ideal estimator, chirp on drift over 500 seeds, into results/shapes-seeds, shapes-fresh, shapes-oracle.md and drift-seeds (~3 min)
compare-seeds: $(BIN)
	./$(BIN) run $(SHAPES_SEEDS_ARGS) --seeds 20 --jobs $(JOBS) --out results/shapes-seeds --force
	./$(BIN) run $(SHAPES_SEEDS_ARGS) --seeds 20-39 --jobs $(JOBS) --out results/shapes-fresh --force
	./$(BIN) oracle --seeds 0-19 --seeds 20-39 --out results/shapes-oracle.md
	./$(BIN) run $(DRIFT_SEEDS_ARGS) --jobs $(JOBS) --out results/drift-seeds --force

## compare-quick: a small comparison into build/compare-quick (under a minute)
compare-quick: $(BIN)
	./$(BIN) run $(QUICK_ARGS) --jobs $(JOBS) --out $(BUILD)/compare-quick --force

OUT ?= results
## plots: render the gnuplot figures of OUT (default results/) into OUT/plots/
plots: $(BIN)
	./$(BIN) plot $(OUT)

## bench: throughput and accuracy benchmarks into results/bench.csv and results/bench.md
bench: $(BIN)
	./$(BIN) bench --max-n 1e7 --out results

## bench-peers: our benchmarks beside astropy, scipy, pywt and PyTorch on the same data, results/peers.md
bench-peers: $(BIN)
	@sh .ci/install-deps peers
	@mkdir -p $(BUILD)/peers results/plots
	./$(BIN) bench --data $(BUILD)/peers/ls_1e6.csv --max-n 1e6
	./$(BIN) bench --peer-data $(BUILD)/peers
	./$(BIN) bench --max-n 1e7 --repeat 5 --out results > $(BUILD)/peers/ours.csv
	/usr/bin/python3 tests/peers/lombscargle_astropy.py $(BUILD)/peers/ls_1e6.csv > $(BUILD)/peers/astropy.csv
	/usr/bin/python3 tests/peers/fit_scipy.py $(BUILD)/peers/tone.csv > $(BUILD)/peers/scipy.csv
	/usr/bin/python3 tests/peers/cwt_pywt.py $(BUILD)/peers/cwt.csv > $(BUILD)/peers/pywt.csv
	/usr/bin/python3 tests/peers/nn_torch.py > $(BUILD)/peers/torch.csv
	/usr/bin/python3 tests/peers/report.py results/plots/scaling.dat $(BUILD)/peers/ours.csv \
	  $(BUILD)/peers/astropy.csv $(BUILD)/peers/scipy.csv $(BUILD)/peers/pywt.csv $(BUILD)/peers/torch.csv \
	  > results/peers.md
	cd results/plots && gnuplot ../../common/plots/scaling.gp
	@$(call splice,peers,results/peers.md,results/README.md)
	@cat results/peers.md

## seed-torch: the seed's own PyTorch code (an external method) beside the C sgd-sin on sin31, 3 seeds, into results/seed-torch
seed-torch: $(BIN)
	@sh .ci/install-deps torch
	./$(BIN) run --tasks sin31 --methods sgd-sin,methods/external/examples/seed_sin_torch.py --seeds 3 --jobs 1 \
	  --out results/seed-torch --force
	@sh tests/peers/seed_ratio.sh results/seed-torch/summary.csv > results/seed-torch/ratio.md
	@$(call splice,seed-torch,results/seed-torch/ratio.md,README.md)
	@cat results/seed-torch/ratio.md

## mpi-check: build with MPI=1 and check that mpirun -n 3 gives a single run's table (and --resume across the two)
mpi-check:
	$(MAKE) --no-print-directory MPI=1 $(BIN)
	QUICK_ARGS='$(QUICK_ARGS)' sh tests/mpi/check.sh

## mpi-scaling: rank 0's cost per trial measured under mpirun -n 3, then the makespan on 1 .. 1,024 ranks simulated from results/runs.csv
mpi-scaling:
	$(MAKE) --no-print-directory MPI=1 $(BIN)
	mpirun --allow-run-as-root --oversubscribe --mca btl self,vader -n 3 ./$(BIN) run --tasks close-tones \
	  --methods ls-direct --set close-tones.n=64 --seeds 2000 --jobs 2 --out $(BUILD)/rank0 --force \
	  > /dev/null 2> $(BUILD)/rank0.err
	@us=$$(sed -n 's/.*rank 0 spent \([0-9.e+-]*\) us per trial.*/\1/p' $(BUILD)/rank0.err); \
	  test -n "$$us" || { cat $(BUILD)/rank0.err; exit 1; }; \
	  ./$(BIN) bench --scaling results/runs.csv --rank0-us $$us --out results
	./$(BIN) plot results
	@$(call splice,mpi-scaling,results/mpi_scaling_summary.md,README.md)
	@$(call splice,mpi-scaling,results/mpi_scaling.md,results/README.md)
	@cat results/mpi_scaling.md

## valgrind: a small run under valgrind's memcheck (no -march, no sanitizers)
valgrind:
	$(MAKE) --no-print-directory OPT='-O1 -g' SANITIZE= $(BIN)
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	  ./$(BIN) run --tasks tone --methods all --seeds 1 --set sgd-sin.steps=1000 --set mlp-gelu.steps=50 \
	  --set siren.steps=50 --set snake.steps=50 --set fourier-mlp.steps=50 --set time2vec.steps=50 \
	  --set sgd-complex.steps=200 --jobs 1 --out $(BUILD)/valgrind --force --quiet

# Fuzzing: every library object again with clang, libFuzzer and the
# sanitizers (build/fuzz/), one binary per harness tests/fuzz/fuzz_*.c; each
# runs FUZZ_SECONDS on the seed corpus tests/fuzz/corpus/NAME/ (new inputs
# go to build/fuzz/corpus/NAME/, findings to build/fuzz/findings/). A unit
# counts as a hang after 300 s: the largest grid the commands allow (10^7
# frequencies) takes ~45 CPU seconds under the sanitizers.
#: FUZZ_SECONDS how long make fuzz runs each harness (default 60)
FUZZ_SECONDS ?= 60
FUZZ_CC      := clang
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_STAMP   := $(BUILD)/deps-fuzz-ok
FUZZ_CFLAGS   = -std=c11 -D_DEFAULT_SOURCE -O1 -g -fno-omit-frame-pointer -fopenmp-simd -Wno-pass-failed \
                -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
                -Icommon -Imethods -Itests $(PKG_CFLAGS)
FUZZ_HARNESSES := $(basename $(notdir $(filter-out tests/fuzz/fuzz_io.c,$(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_DIR)/%.o,$(filter-out common/cli/main.c,$(LIB_SRC)) tests/fuzz/fuzz_io.c)

$(FUZZ_STAMP): .ci/install-deps | $(DEPS_STAMP)
	@sh .ci/install-deps fuzz
	@touch $@

$(FUZZ_DIR)/%.o: %.c $(FUZZ_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

.SECONDARY: $(addprefix $(FUZZ_DIR)/tests/fuzz/,$(addsuffix .o,$(FUZZ_HARNESSES)))
$(FUZZ_DIR)/bin/%: $(FUZZ_DIR)/tests/fuzz/%.o $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

## fuzz: the fuzz harnesses (CSV reader, ISO 8601, fit, periodogram, run table, shard record), FUZZ_SECONDS each; fails on any finding
fuzz: $(addprefix $(FUZZ_DIR)/bin/,$(FUZZ_HARNESSES))
	@mkdir -p $(FUZZ_DIR)/findings
	@for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$h; \
	  ASAN_OPTIONS=quarantine_size_mb=32 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  $(FUZZ_DIR)/bin/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=300 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/findings/$$h- \
	    $(FUZZ_DIR)/corpus/$$h tests/fuzz/corpus/$$h > $(FUZZ_DIR)/$$h.log 2>&1; rc=$$?; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$$h.log); \
	  echo "periodbench: fuzz $$h: $${runs:-?} executions in $(FUZZ_SECONDS) s, exit $$rc"; \
	  if [ $$rc -ne 0 ]; then tail -n 40 $(FUZZ_DIR)/$$h.log; exit 1; fi; \
	done

# What make install puts where (make uninstall removes exactly these).
BINDIR    := $(DESTDIR)$(PREFIX)/bin
MAN1DIR   := $(DESTDIR)$(PREFIX)/share/man/man1
PLOTSDIR  := $(DESTDIR)$(PREFIX)/share/periodbench/plots
METHODSDIR := $(DESTDIR)$(PREFIX)/share/periodbench/methods
EXT_FILES := $(filter-out %/examples %/__pycache__,$(wildcard methods/external/*))
EXT_EXAMPLES := $(filter-out %/__pycache__,$(wildcard methods/external/examples/*))
MAN_PAGE  := $(BUILD)/periodbench.1
COMMANDS  := list run fit periodogram plot merge track landscape oracle bench

# The man page from the --help texts: the top-level one by help2man, each
# command's own as a section of its own.
$(MAN_PAGE): $(BIN)
	@{ echo '[COMMANDS]'; for c in $(COMMANDS); do \
	     echo '.SS periodbench '"$$c"; echo '.nf'; ./$(BIN) $$c --help | sed 's/^\./\\\&./; s/\\/\\e/g'; echo '.fi'; \
	   done; } > $(BUILD)/commands.h2m
	help2man --no-info --name='which ways of fitting a periodic signal actually work, measured' \
	  --include=$(BUILD)/commands.h2m --output=$@ ./$(BIN)

## install: install periodbench, its man page, plot scripts and external methods under PREFIX (DESTDIR for staging)
install: $(BIN) $(MAN_PAGE)
	install -d $(BINDIR) $(MAN1DIR) $(PLOTSDIR)
	install -m 755 $(BIN) $(BINDIR)/periodbench
	install -m 644 $(MAN_PAGE) $(MAN1DIR)/periodbench.1
	install -m 644 common/plots/*.gp $(PLOTSDIR)/
	install -d $(METHODSDIR)/examples
	cp -p $(EXT_FILES) $(METHODSDIR)/
	cp -p $(EXT_EXAMPLES) $(METHODSDIR)/examples/

## uninstall: remove what make install installed under PREFIX (DESTDIR)
uninstall:
	rm -f $(BINDIR)/periodbench $(MAN1DIR)/periodbench.1
	rm -f $(addprefix $(PLOTSDIR)/,$(notdir $(wildcard common/plots/*.gp)))
	rm -f $(addprefix $(METHODSDIR)/,$(notdir $(EXT_FILES))) $(addprefix $(METHODSDIR)/examples/,$(notdir $(EXT_EXAMPLES)))
	rm -rf $(METHODSDIR)/__pycache__ $(METHODSDIR)/examples/__pycache__
	-rmdir $(PLOTSDIR) $(METHODSDIR)/examples $(METHODSDIR) $(DESTDIR)$(PREFIX)/share/periodbench 2>/dev/null

## clean: remove the build directory and ./periodbench
clean:
	rm -rf $(BUILD) $(BIN)

## help: this list
help:
	@echo 'targets:'
	@sed -n 's/^## \([a-z-]*\): \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | awk -F'\t' '{ printf "  make %-15s %s\n", $$1, $$2 }'
	@echo 'variables (make VAR=value ...; changing SANITIZE, OPT or CC rebuilds everything):'
	@sed -n 's/^#: \([A-Z]*\) \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | awk -F'\t' '{ printf "  %-20s %s\n", $$1, $$2 }'

FORCE:

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/$(MAIN_SRC:.c=.d) $(FUZZ_LIB_OBJ:.o=.d)
