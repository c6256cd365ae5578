package io.stockflow.system;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the services the system tests started, once the whole test run is over. */
public class StockflowSessionListener implements LauncherSessionListener {

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		Stockflow.shutdown();
	}

}
