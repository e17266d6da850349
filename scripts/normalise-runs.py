#!/usr/bin/env python3
"""Adds explicit, normalised columns to a published-runs table.

The published-runs tables keep each source's own words ("full (not stated explicitly; Megatron
default then)", "interleaved (V not stated)", "4x 200 Gb/s InfiniBand per node"). `scalescope
validate` reads only normalised columns, which this script derives once from those words; the
derivation is written down here so that it is reproducible and reviewable, and its output is
reviewed by hand (data/validation/README.md documents every column and its values).

Usage:
    scripts/normalise-runs.py SOURCE.csv OUTPUT.csv

SOURCE.csv is a table in the format of data/validation/training-runs.csv without the
normalised columns (or with them: they are derived again). The catalog (data/catalog) and
the model presets (data/models) of this repository are read for system sizes and layer details.
"""

import csv
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

NORMALISED = [
    "workload",
    "system_id",
    "accelerator_id",
    "scaleout_gbps_per_gpu",
    "arch_family",
    "gated_mlp",
    "position_embedding",
    "tied_embeddings",
    "norm",
    "linear_biases",
    "layer_details_from",
    "recompute_mode",
    "seq_parallel_mode",
    "vpp_mode",
    "micro_batch_mode",
    "zero_stage",
    "dp_overlap",
    "tp_overlap",
    "attention_kernel",
    "gemm_precision",
    "fp8_recipe",
    "optimizer_recipe",
    "framework_norm",
    "flop_convention",
]


def whole(text):
    """The leading whole number of a cell, as scalescope's leadingNumber reads it, or None."""
    match = re.match(r"\s*~?(\d[\d,]*(?:\.\d+)?)", text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    return int(value) if value == int(value) else None


def year_of(row):
    return whole(row["year"]) or 2024


def workload(row):
    if row["run_kind"].lower().startswith("reference calculation"):
        return "reference-calculation"
    if "lora" in row["model"].lower():
        return "lora-finetuning"
    return "pretraining"


# Accelerator as the table names it -> (catalog system, catalog accelerator override).
HARDWARE = {
    "a100": ("dgx-a100", None),
    "h100": ("dgx-h100", ""),
    "h200": ("dgx-h200", ""),
    "gb200": ("gb200-nvl72", ""),
    "b200": ("dgx-b200", ""),
    "h800": ("", "h800-sxm"),
    "v100": ("", "v100-sxm2-32gb"),
    "tpu v4": ("", "tpu-v4"),
    "tpu v5p": ("", "tpu-v5p"),
}


def hardware(row):
    gpu = row["gpu"].strip().lower()
    if gpu not in HARDWARE:
        return "", ""
    system, accelerator = HARDWARE[gpu]
    if accelerator is None:  # A100: the 40 GB part where the row says so
        memory = whole(row["gpu_mem_GB"]) or 80
        accelerator = "a100-sxm4-40gb" if memory < 60 else ""
    return system, accelerator


def scale_out(row, gpus_per_node):
    """The per-GPU scale-out rate the row states [Gb/s], or "" (the system's own)."""
    text = row["inter_node_per_gpu"].lower()
    per_node = None
    for match in re.finditer(r"(\d+(?:\.\d+)?)\s*gb/s per (gpu|node)", text):
        gigabits = float(match.group(1))
        if match.group(2) == "gpu":
            return format_number(gigabits)
        if per_node is None:
            per_node = gigabits / max(1, gpus_per_node)
    return "" if per_node is None else format_number(per_node)


def format_number(value):
    return str(int(value)) if value == int(value) else repr(value)


LLAMA_LIKE = ("llama", "mixtral", "smollm", "mistral")


def family(row):
    name = row["model"].lower()
    for word in LLAMA_LIKE + ("nemotron", "falcon"):
        if word in name:
            return word
    if "gpt" in name or "megatron" in name or "mt-nlg" in name:
        return "gpt"
    return "other"


def family_layers(arch):
    """(gated_mlp, position_embedding, tied_embeddings, norm, linear_biases) of a family."""
    if arch in LLAMA_LIKE:
        return ("yes", "rotary", "no", "rmsnorm", "no")
    if arch in ("nemotron", "falcon"):
        return ("no", "rotary", "no", "layernorm", "no")
    return ("no", "learned", "yes", "layernorm", "yes")


def load_presets():
    presets = []
    for path in sorted((ROOT / "data" / "models").glob("*.json")):
        preset = json.loads(path.read_text())
        if preset.get("kind") == "model":
            presets.append(preset)
    return presets


def layer_details(row, arch, presets):
    layers = family_layers(arch)
    shape = [whole(row[c]) for c in ("layers", "hidden", "heads", "kv_heads", "ffn", "moe_experts")]
    if shape[3] is None:
        shape[3] = shape[2]
    if shape[4] is None and arch == "gpt" and shape[1] is not None:
        shape[4] = 4 * shape[1]
    if shape[5] is None:
        shape[5] = 0
    for preset in presets:
        moe = preset.get("moe", {}).get("experts", 0) if isinstance(preset.get("moe"), dict) else 0
        candidate = [preset.get("layers"), preset.get("hidden"), preset.get("heads"),
                     preset.get("kv_heads", preset.get("heads")), preset.get("ffn"), moe]
        if candidate == shape:
            yes = {True: "yes", False: "no"}
            return (yes[preset.get("gated_mlp", False)], preset.get("position_embedding"),
                    yes[preset.get("tied_embeddings", False)], preset.get("norm"),
                    yes[preset.get("linear_biases", False)], "preset " + preset["id"])
    return layers + ("family " + arch,)


def recompute_mode(row):
    text = row["recompute"].lower()
    if text.startswith("none"):
        return "none"
    if text.startswith("full") or "checkpointing" in text or "rematerialization" in text:
        return "full"
    if text.startswith("selective"):
        return "selective"
    if year_of(row) <= 2022:
        return "full"  # selective recomputation was published in 2022 (Korthikanti et al.)
    return "free"


def seq_parallel_mode(row):
    text = row["seq_parallel"].lower()
    if text.startswith("yes"):
        return "on"
    if text.startswith("no") or whole(row["tp"]) == 1 or year_of(row) <= 2022:
        return "off"  # sequence parallelism was published in 2022 (Korthikanti et al.)
    return "free"


def vpp_mode(row):
    value = whole(row["vpp"])
    if value is not None and value >= 1:
        return str(value)
    if "interleaved" in row["vpp"].lower() and (whole(row["pp"]) or 1) > 1:
        return "free"
    return "1"


def micro_batch_mode(row):
    value = whole(row["micro_batch"])
    return str(value) if value is not None and value >= 1 else "free"


def zero_stage(row):
    zero = row["zero_or_fsdp"].lower()
    framework = row["framework"].lower()
    if "not resharded" in zero:
        return "2"
    if "zero-3" in zero or "zero stage 3" in zero or "fsdp" in zero:
        return "3"
    if "zero" in zero or "distributed optimizer" in zero or zero.startswith("ddp"):
        return "1"  # NeMo "DDP" runs the distributed optimizer (NeMo's default)
    if not zero and ("nemo" in framework or "megatron-core" in framework):
        return "1"
    return "0"


def era(row):
    """(dp_overlap, tp_overlap, attention_kernel) of the row's software generation."""
    if year_of(row) <= 2022:
        return ("no", "no", "unfused")
    framework = row["framework"].lower()
    tp_overlap = (whole(row["tp"]) or 1) > 1 and (
        "nemo" in framework or "megatron-core" in framework
        or "tp-comm-overlap" in row["zero_or_fsdp"].lower())
    return ("yes", "yes" if tp_overlap else "no", "flash")


def precision(row):
    text = row["precision"].lower()
    framework = row["framework"].lower()
    if "mxfp8" in text:
        return ("fp8", "mxfp8", "fp8")
    if "fp8" in text:
        recipe = "unstated"
        if "current scaling" in text:
            recipe = "current"
        elif "delayed" in text:
            recipe = "delayed"
        return ("fp8", recipe, "fp8")
    if "fp4" in text:
        return ("fp4", "unstated", "fp8")
    return ("bf16", "none", "mixed" if "deepspeed" in framework else "megatron")


FRAMEWORKS = [  # first match wins
    ("megablocks", "megablocks"),
    ("megascale", "megascale-moe"),
    ("torchtitan", "torchtitan"),
    ("hai-llm", "hai-llm"),
    ("mlperf", "nemo-mlperf"),
    ("nemo", "nemo"),
    ("megatron-core", "megatron-core"),
    ("deepspeed", "megatron-deepspeed"),
    ("megatron", "megatron-lm"),
    ("metaseq", "metaseq"),
    ("meta internal", "meta-internal"),
    ("gigatron", "gigatron"),
    ("maxtext", "maxtext"),
    ("t5x", "t5x"),
    ("habana", "pytorch-habana"),
]


def framework_norm(row):
    text = row["framework"].lower()
    for needle, name in FRAMEWORKS:
        if needle in text:
            return name
    return "unstated" if not text else "other"


def flop_convention(row):
    text = row["tflops_convention"].lower()
    if not text or "not verified" in text:
        return "unknown"
    if ("96*b" in text or text.startswith("hardware flops")
            or "megatron-style (incl. recompute" in text or "megatron-deepspeed estimate" in text):
        return "narayanan-hardware"
    if "72*b" in text or text == "model flops (mfu)":
        return "korthikanti-model"
    if "num_floating_point_operations" in text:
        return "megatron-full"
    if "chowdhery" in text or "palm" in text:
        return "palm-model"
    if "nemo model tflop" in text or "as in nemo table" in text:
        return "nemo-causal"
    return "unknown"


def normalise(row, presets, systems):
    out = dict(row)
    out["workload"] = workload(row)
    system, accelerator = hardware(row)
    out["system_id"] = system
    out["accelerator_id"] = accelerator
    out["scaleout_gbps_per_gpu"] = scale_out(row, systems.get(system, 8))
    arch = family(row)
    out["arch_family"] = arch
    (out["gated_mlp"], out["position_embedding"], out["tied_embeddings"], out["norm"],
     out["linear_biases"], out["layer_details_from"]) = layer_details(row, arch, presets)
    out["recompute_mode"] = recompute_mode(row)
    out["seq_parallel_mode"] = seq_parallel_mode(row)
    out["vpp_mode"] = vpp_mode(row)
    out["micro_batch_mode"] = micro_batch_mode(row)
    out["zero_stage"] = zero_stage(row)
    out["dp_overlap"], out["tp_overlap"], out["attention_kernel"] = era(row)
    out["gemm_precision"], out["fp8_recipe"], out["optimizer_recipe"] = precision(row)
    out["framework_norm"] = framework_norm(row)
    out["flop_convention"] = flop_convention(row)
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    systems = {s["id"]: s.get("gpus_per_node") or 8
               for s in json.loads((ROOT / "data/catalog/systems.json").read_text())["items"]}
    presets = load_presets()
    with open(argv[1], newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        source_columns = [c for c in reader.fieldnames if c not in NORMALISED]
        rows = [normalise(row, presets, systems) for row in reader]
    with open(argv[2], "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=source_columns + NORMALISED,
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in source_columns + NORMALISED})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
