import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes N small files (1-8 KiB of pseudo-random bytes, fixed seed) into a nested tree:
 * DIR/dNN/sNN/fNNNNN.bin, about 100 files per leaf directory. Usage: java GenTree.java DIR N
 */
public final class GenTree {
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    SplittableRandom rnd = new SplittableRandom(42);
    byte[] buf = new byte[8192];
    int perLeaf = 100;
    int leaves = (n + perLeaf - 1) / perLeaf;
    int fan = (int) Math.ceil(Math.sqrt(leaves));
    for (int i = 0; i < n; i++) {
      int leaf = i / perLeaf;
      Path dir = root.resolve(String.format("d%03d/s%03d", leaf / fan, leaf % fan));
      if (i % perLeaf == 0) {
        Files.createDirectories(dir);
      }
      int size = 1024 + rnd.nextInt(7 * 1024 + 1);
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
