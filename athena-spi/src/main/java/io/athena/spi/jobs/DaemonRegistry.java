package io.athena.spi.jobs;

import java.util.List;

/** Which daemons exist and when each last proved it is alive. */
public interface DaemonRegistry {

  /** Registers or re-registers a daemon (its start time and families). */
  void register(DaemonInfo daemon);

  /** Records a heartbeat and the daemon's current status. */
  void heartbeat(String daemonId, String status);

  /** Every known daemon, most recent heartbeat first. */
  List<DaemonInfo> list();
}
