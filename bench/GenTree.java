import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes N small files of pseudo-random bytes (fixed seed) into a nested tree DIR/dNNN/sNNN/fNNNNNN.bin, two
 * levels of directories above the leaves, as datasets are sharded. Usage:
 * java GenTree.java DIR N [FILES_PER_LEAF MIN_BYTES MAX_BYTES], by default 100 files per leaf, 1-8 KiB each.
 */
public final class GenTree {
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    SplittableRandom rnd = new SplittableRandom(42);
    int perLeaf = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int minSize = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    int maxSize = args.length > 4 ? Integer.parseInt(args[4]) : 8 * 1024;
    byte[] buf = new byte[maxSize];
    int leaves = (n + perLeaf - 1) / perLeaf;
    int fan = (int) Math.ceil(Math.sqrt(leaves));
    for (int i = 0; i < n; i++) {
      int leaf = i / perLeaf;
      Path dir = root.resolve(String.format("d%03d/s%03d", leaf / fan, leaf % fan));
      if (i % perLeaf == 0) {
        Files.createDirectories(dir);
      }
      int size = minSize + rnd.nextInt(maxSize - minSize + 1);
      for (int j = 0; j < size; j += 8) {
        long v = rnd.nextLong();
        for (int k = 0; k < 8 && j + k < size; k++) {
          buf[j + k] = (byte) (v >>> (8 * k));
        }
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("f%06d.bin", i)))) {
        out.write(buf, 0, size);
      }
    }
  }
}
