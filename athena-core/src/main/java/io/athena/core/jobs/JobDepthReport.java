package io.athena.core.jobs;

import io.athena.spi.jobs.DaemonInfo;
import io.athena.spi.jobs.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code GET /admin/jobs/depth}: per family, the count of every status and whether a
 * live daemon owns the family. {@code owned: false} with queued jobs means those jobs wait until a
 * process that runs the family starts (a clone job in an api-only deployment, say).
 */
final class JobDepthReport {
  private JobDepthReport() {}

  /** Families with jobs and families live daemons run, sorted by name. */
  static List<Map<String, Object>> families(
      Map<String, Map<JobStatus, Long>> depth, List<DaemonInfo> liveDaemons) {
    Set<String> names = new TreeSet<>(depth.keySet());
    liveDaemons.forEach(d -> names.addAll(d.families()));
    return names.stream().map(name -> family(name, depth.get(name), liveDaemons)).toList();
  }

  private static Map<String, Object> family(
      String name, Map<JobStatus, Long> counts, List<DaemonInfo> liveDaemons) {
    Map<String, Object> byStatus = new LinkedHashMap<>();
    for (JobStatus status : JobStatus.values()) {
      byStatus.put(status.wireName(), counts == null ? 0L : counts.getOrDefault(status, 0L));
    }
    List<String> owners =
        liveDaemons.stream()
            .filter(d -> d.families().contains(name))
            .map(DaemonInfo::daemonId)
            .sorted()
            .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("family", name);
    out.put("counts", byStatus);
    out.put("owned", !owners.isEmpty());
    out.put("owners", owners);
    return out;
  }
}
