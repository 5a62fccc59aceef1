#!/bin/sh
# A plan run as a Slurm array job: K shards, one per array task, each into
# shards/I (requeued tasks resume), then merged into one run's tables:
#
#   mkdir -p shards
#   sbatch --array=0-15 common/harness/slurm_array.sh --tasks all --methods all --seeds 100
#   periodbench merge results-100 shards/*        # once every task has ended
#
# The options after the script's name are run's (the same for every task).
#SBATCH --job-name=periodbench
#SBATCH --cpus-per-task=2
#SBATCH --time=24:00:00
set -eu
K=${SLURM_ARRAY_TASK_COUNT:?run this under sbatch --array=0-K-1}
I=${SLURM_ARRAY_TASK_ID:?run this under sbatch --array=0-K-1}
exec "${PERIODBENCH:-./periodbench}" run "$@" --shard "$I/$K" --jobs "${SLURM_CPUS_PER_TASK:-2}" \
    --out "shards/$I" --resume --quiet
