package org.fairhunt.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** Stands in for Fairhunt's main class in {@link LauncherTest}: prints the settings the launcher gave this JVM. */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String option : new String[] {"UseSharedSpaces", "TieredStopAtLevel", "UseSerialGC", "MaxHeapSize", "CICompilerCount"}) {
            System.out.println(option + "=" + vm.getVMOption(option).getValue());
        }
        System.out.println("sqlite=" + System.getProperty("org.sqlite.lib.path"));
        System.out.println("onnxruntime=" + System.getProperty("onnxruntime.native.path"));
        System.out.println("args=" + String.join(" ", args));
    }
}
