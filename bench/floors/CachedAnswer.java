import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Floor (c) of bench/data-quality: the least a cached data answer ({@code data profile PATH@REV} from the profile
 * cache) must do with picocli and JGit, compiled against the classes jdvc.jar ships: parse the arguments with
 * picocli's smallest command, open the repository as jdvc's GitRepo does (FileRepositoryBuilder, git's system
 * config named so that JGit starts no git process), resolve a revision and read one blob at it (the pointer file),
 * and print it.
 */
@Command(name = "floor", mixinStandardHelpOptions = true, version = "floor 1.0")
public final class CachedAnswer implements Callable<Integer> {
  @Parameters(index = "0", description = "a path in the work tree, e.g. data/big.parquet.dvc")
  String path;

  @Parameters(index = "1", description = "a revision")
  String rev;

  @Override
  public Integer call() throws Exception {
    FS.DETECTED.setGitSystemConfig(new File("/etc/gitconfig"));
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true)
        .findGitDir(new File(".").getAbsoluteFile());
    try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) {
        System.err.println("unknown revision " + rev);
        return 1;
      }
      RevCommit commit = walk.parseCommit(id);
      try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
        if (tree == null) {
          System.err.println(path + " is not in " + rev);
          return 1;
        }
        try (ObjectReader reader = repo.newObjectReader()) {
          System.out.print(new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CachedAnswer()).execute(args));
  }
}
