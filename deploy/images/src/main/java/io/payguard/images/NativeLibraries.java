package io.payguard.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The C libraries a jlinked runtime needs on an otherwise empty root file system: the program interpreter of its
 * executables and the closure of their {@code DT_NEEDED} entries that the runtime does not carry itself, found where the
 * host's dynamic loader looks for them. Read from the ELF headers (64-bit little-endian), so no {@code ldd} (a shell
 * script) is needed. The files are placed at the same paths in the image, so the same loader finds them there.
 */
final class NativeLibraries {

    /** Loaded with dlopen by the C library itself (name service, DNS, thread cancellation), never in DT_NEEDED. */
    private static final List<String> DLOPENED =
            List.of("libnss_files.so.2", "libnss_dns.so.2", "libresolv.so.2", "libgcc_s.so.1");

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;

    /** A file to put into the image: where it goes and where its bytes come from. */
    record Library(String imagePath, Path source) {}

    /** What one ELF file asks of the loader. */
    record ElfInfo(Optional<String> interpreter, List<String> needed) {}

    private final List<Path> searchDirs;

    NativeLibraries(List<Path> searchDirs) {
        this.searchDirs = List.copyOf(searchDirs);
    }

    /** The directories the host's loader searches by default, for this machine's architecture. */
    static NativeLibraries ofHost(Path root) {
        String triplet = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> System.getProperty("os.arch") + "-linux-gnu";
        };
        return new NativeLibraries(
                Stream.of("/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib")
                        .map(d -> root.resolve(d.substring(1)))
                        .toList());
    }

    /**
     * The libraries the ELF files under {@code runtime} need and do not contain, keyed by their path in the image.
     *
     * @throws IllegalStateException when one cannot be found
     */
    Map<String, Library> closure(Path runtime, Path root) throws IOException {
        List<Path> elves;
        try (var files = Files.walk(runtime)) {
            elves = files.filter(Files::isRegularFile)
                    .filter(NativeLibraries::isElf)
                    .sorted()
                    .toList();
        }
        var own = elves.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        Map<String, Library> found = new TreeMap<>();
        Deque<String> wanted = new ArrayDeque<>();
        for (Path elf : elves) {
            ElfInfo info = read(elf);
            info.interpreter()
                    .ifPresent(interp -> found.putIfAbsent(
                            interp, new Library(interp, realPath(root.resolve(interp.substring(1))))));
            info.needed().stream().filter(n -> !own.contains(n)).forEach(wanted::add);
        }
        DLOPENED.stream().filter(n -> find(n).isPresent()).forEach(wanted::add);
        Set<String> seen = new java.util.HashSet<>();
        while (!wanted.isEmpty()) {
            String name = wanted.pop();
            if (!seen.add(name)) {
                continue;
            }
            Path dir = find(name)
                    .orElseThrow(() -> new IllegalStateException(
                            name + " is needed by the runtime but is in none of " + searchDirs));
            Path file = dir.resolve(name);
            String imagePath = "/" + root.relativize(dir).toString().replace('\\', '/') + "/" + name;
            found.putIfAbsent(imagePath, new Library(imagePath, realPath(file)));
            read(realPath(file)).needed().forEach(wanted::add);
        }
        return found;
    }

    private Optional<Path> find(String name) {
        return searchDirs.stream().filter(d -> Files.exists(d.resolve(name))).findFirst();
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The program interpreter and DT_NEEDED names of a 64-bit little-endian ELF file. */
    static ElfInfo read(Path file) throws IOException {
        try (var ch = FileChannel.open(file)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.get(4) != 2 || b.get(5) != 1) {
                throw new IllegalStateException(file + ": not a 64-bit little-endian ELF file");
            }
            long phoff = b.getLong(0x20);
            int phentsize = Short.toUnsignedInt(b.getShort(0x36));
            int phnum = Short.toUnsignedInt(b.getShort(0x38));
            Optional<String> interpreter = Optional.empty();
            long dynOff = -1;
            long dynSize = 0;
            List<long[]> loads = new ArrayList<>();
            for (int i = 0; i < phnum; i++) {
                int h = (int) (phoff + (long) i * phentsize);
                int type = b.getInt(h);
                long offset = b.getLong(h + 8);
                long vaddr = b.getLong(h + 16);
                long filesz = b.getLong(h + 32);
                switch (type) {
                    case PT_INTERP -> interpreter = Optional.of(cString(b, offset));
                    case PT_DYNAMIC -> {
                        dynOff = offset;
                        dynSize = filesz;
                    }
                    case PT_LOAD -> loads.add(new long[] {vaddr, filesz, offset});
                    default -> {}
                }
            }
            if (dynOff < 0) {
                return new ElfInfo(interpreter, List.of());
            }
            long strtab = -1;
            List<Long> neededOffsets = new ArrayList<>();
            for (long e = dynOff; e + 16 <= dynOff + dynSize; e += 16) {
                long tag = b.getLong((int) e);
                long val = b.getLong((int) e + 8);
                if (tag == 0) {
                    break;
                }
                if (tag == DT_NEEDED) {
                    neededOffsets.add(val);
                } else if (tag == DT_STRTAB) {
                    strtab = val;
                }
            }
            long strtabOffset = fileOffset(loads, strtab, file);
            return new ElfInfo(
                    interpreter,
                    neededOffsets.stream()
                            .map(o -> cString(b, strtabOffset + o))
                            .toList());
        }
    }

    private static long fileOffset(List<long[]> loads, long vaddr, Path file) {
        return loads.stream()
                .filter(l -> vaddr >= l[0] && vaddr < l[0] + l[1])
                .findFirst()
                .map(l -> vaddr - l[0] + l[2])
                .orElseThrow(() -> new IllegalStateException(file + ": string table outside every PT_LOAD segment"));
    }

    private static String cString(ByteBuffer b, long offset) {
        int start = (int) offset;
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
