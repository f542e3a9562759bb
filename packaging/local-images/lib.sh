# Helpers shared by the local image scripts (sourced, not run).
# An image is rebuilt only when the files it is built from change: their hash is stored in the image
# label io.paypulse.inputs and in the name of its cache file (docker save | zstd), so a second build,
# or a build after `docker system prune`, takes seconds.

IMAGE_CACHE=${PAYPULSE_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/paypulse/images}

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# inputs_hash FILE... : a short hash of the given files' contents.
inputs_hash() { cat "$@" | sha256sum | cut -c1-12; }

# image_current IMAGE HASH : true when IMAGE exists and was built from inputs with HASH.
image_current() {
    [ "$(docker image inspect -f '{{ index .Config.Labels "io.paypulse.inputs" }}' "$1" 2>/dev/null)" = "$2" ]
}

# cache_file IMAGE HASH : where IMAGE built from HASH is cached.
cache_file() { echo "$IMAGE_CACHE/$(echo "$1" | tr '/:' '__')-$2.tar.zst"; }

# cache_load IMAGE HASH : loads IMAGE from the cache if there; true on success.
cache_load() {
    local file; file=$(cache_file "$1" "$2")
    [ -f "$file" ] && zstd -dc "$file" | docker load -q >/dev/null && image_current "$1" "$2"
}

# cache_save IMAGE HASH : saves IMAGE to the cache, dropping older versions of it.
cache_save() {
    local file; file=$(cache_file "$1" "$2")
    mkdir -p "$IMAGE_CACHE"
    rm -f "$IMAGE_CACHE/$(echo "$1" | tr '/:' '__')"-*.tar.zst
    docker save "$1" | zstd -q -T0 -3 -o "$file.tmp" && mv "$file.tmp" "$file"
}

# reuse IMAGE HASH START : true (and says so) when IMAGE built from HASH is there already or could
# be loaded from the cache; the scripts exit then, and build otherwise.
reuse() {
    if image_current "$1" "$2"; then
        echo "$1: up to date"
    elif cache_load "$1" "$2"; then
        echo "$1: loaded from $(cache_file "$1" "$2") in $(since "$3") s"
    else
        return 1
    fi
}
