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
        // A diagnostic flag, which the bean shows only where unlocked: read from the JVM's arguments instead.
        System.out.println("CompilerDirectivesFile=" + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:CompilerDirectivesFile=")).map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElse(""));
        System.out.println("ArchiveRelocationMode=" + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:ArchiveRelocationMode=")).map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElse(""));
        System.out.println("sqlite=" + System.getProperty("org.sqlite.lib.path"));
        System.out.println("onnxruntime=" + System.getProperty("onnxruntime.native.path"));
        System.out.println("command=" + System.getProperty("sun.java.command"));
        System.out.println("args=" + String.join(" ", args));
    }
}
