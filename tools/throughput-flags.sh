# The JVM flags of a throughput job (the night's batch, and the benchmarks and generator that stand for it), sourced by
# ./lantian and tools/lantian-dev so that both run the night alike. What JAVA_OPTS chooses wins.
# - The parallel collector with half the heap for new objects (most of a night's objects die young) is faster than G1.
# - A metaspace threshold above the ~21 MB a night's classes take spares it the full collection (0.2-0.9 s) that the
#   classes loaded late set off at the night's end.
# - A heap limit given (-Xmx) is also the starting heap (-Xms): the collector does not grow the heap and its new
#   generation step by step through the night.
# (docs/performance.md, "Batch")
throughput_flags() {
  local flags=""
  [[ "${JAVA_OPTS:-}" == *GC* ]] || flags="-XX:+UseParallelGC -XX:NewRatio=1"
  [[ "${JAVA_OPTS:-}" == *MetaspaceSize* ]] || flags="$flags -XX:MetaspaceSize=64m"
  if [[ " ${JAVA_OPTS:-} " =~ [[:space:]]-Xmx([0-9]+[kKmMgGtT]?)[[:space:]] ]] && [[ "${JAVA_OPTS:-}" != *-Xms* ]]; then
    flags="$flags -Xms${BASH_REMATCH[1]}"
  fi
  echo "$flags"
}
